import { describe, expect, it } from 'vitest';
import { serverMessage } from './server-message.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => serverMessage(bytes(JSON.stringify(value)), 'application/json');

describe('serverMessage', () => {
  it('reads message, as Rekor and Fulcio send it', () => {
    expect(json({ code: 400, message: 'error processing entry' })).toBe('error processing entry');
  });

  it('reads OAuth error and error_description together', () => {
    expect(json({ error: 'invalid_grant', error_description: 'token expired' })).toBe(
      'invalid_grant: token expired',
    );
  });

  it('reads the first OCI distribution error', () => {
    expect(json({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })).toBe(
      'MANIFEST_UNKNOWN: manifest unknown',
    );
  });

  it('reads a nested error.message, a plain error, and an RFC 9457 detail', () => {
    expect(json({ error: { message: 'quota exceeded' } })).toBe('quota exceeded');
    expect(json({ error: 'not found' })).toBe('not found');
    expect(json({ title: 'Bad Request', detail: 'missing field' })).toBe('missing field');
  });

  it('falls back to the JSON text when no known field is there', () => {
    expect(json({ status: 'nope' })).toBe('{"status":"nope"}');
  });

  it('reads JSON even when the content type does not say so', () => {
    expect(serverMessage(bytes('{"message":"x"}'), 'text/plain')).toBe('x');
  });

  it('cuts text to 200 characters on one line', () => {
    const message = serverMessage(bytes(`line one\nline two ${'x'.repeat(300)}`), 'text/plain')!;
    expect(message.startsWith('line one line two x')).toBe(true);
    expect(message).toHaveLength(201);
    expect(message.endsWith('…')).toBe(true);
  });

  it('removes control characters that could forge terminal output', () => {
    expect(serverMessage(bytes('bad\u001b[31m red\r\nfake line'), 'text/plain')).toBe(
      'bad [31m red fake line',
    );
  });

  it('keeps the words of an HTML error page', () => {
    const page =
      '<html><head><style>p{}</style><title>502 Bad Gateway</title></head><body>nginx</body></html>';
    expect(serverMessage(bytes(page), 'text/html')).toBe('502 Bad Gateway nginx');
  });

  it('returns undefined for an empty body', () => {
    expect(serverMessage(new Uint8Array(0), null)).toBeUndefined();
  });
});
