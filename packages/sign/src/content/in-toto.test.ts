import { describe, expect, it } from 'vitest';
import { SigningError } from '../errors.js';
import { firstSubjectDigest, inTotoStatement } from './in-toto.js';

const subject = { name: 'a.txt', digest: { sha256: 'ab'.repeat(32) } };
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('inTotoStatement', () => {
  it('writes a Statement v1 with the subject, predicate type and predicate', () => {
    expect(JSON.parse(text(inTotoStatement([subject], 'https://p.test/v1', { a: 1 })))).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [subject],
      predicateType: 'https://p.test/v1',
      predicate: { a: 1 },
    });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'x'],
  ])('refuses a predicate that is %s', (_, predicate) => {
    expect(() => inTotoStatement([subject], 'https://p.test/v1', predicate)).toThrow(SigningError);
  });

  it('refuses an empty predicate type', () => {
    expect(() => inTotoStatement([subject], ' ', {})).toThrow('the predicate type is empty');
  });
});

describe('firstSubjectDigest', () => {
  it('is the sha256 of the first subject that has one', () => {
    const statement = inTotoStatement([{ name: 'x', digest: { md5: '00' } }, subject], 'p', {});
    expect(firstSubjectDigest(statement)).toBe(`sha256:${'ab'.repeat(32)}`);
  });

  it('falls back to sha512', () => {
    const statement = inTotoStatement([{ name: 'x', digest: { sha512: 'CD'.repeat(64) } }], 'p', {});
    expect(firstSubjectDigest(statement)).toBe(`sha512:${'cd'.repeat(64)}`);
  });

  it('refuses a payload without a usable subject', () => {
    expect(() => firstSubjectDigest(new TextEncoder().encode('{"subject":[]}'))).toThrow(
      'the in-toto statement has no subject with a sha256, sha384 or sha512 digest',
    );
    expect(() => firstSubjectDigest(new TextEncoder().encode('nope'))).toThrow(
      'the in-toto statement is not JSON',
    );
  });
});
