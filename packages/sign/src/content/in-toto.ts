import { SigningError } from '../errors.js';

/** The `_type` of an in-toto Statement v1. */
export const IN_TOTO_STATEMENT_V1_TYPE = 'https://in-toto.io/Statement/v1';

/** One subject of an in-toto statement: a name and its digests (`{ sha256: '<hex>' }`). */
export interface InTotoSubject {
  name: string;
  digest: Record<string, string>;
}

/**
 * The JSON bytes of an in-toto Statement v1 about `subjects`, carrying `predicate` (a JSON object)
 * of type `predicateType`.
 *
 * @example
 * ```ts
 * const payload = inTotoStatement(
 *   [{ name: 'app.tgz', digest: { sha256: 'ab12…' } }],
 *   'https://slsa.dev/provenance/v1',
 *   { buildDefinition: {}, runDetails: {} },
 * );
 * ```
 */
export function inTotoStatement(
  subjects: readonly InTotoSubject[],
  predicateType: string,
  predicate: unknown,
): Uint8Array {
  if (subjects.length === 0)
    throw new SigningError('ERR_INVALID_INPUT', 'an in-toto statement needs a subject');
  if (predicateType.trim() === '') throw new SigningError('ERR_INVALID_INPUT', 'the predicate type is empty');
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new SigningError('ERR_INVALID_INPUT', 'the predicate must be a JSON object');
  }
  const statement = { _type: IN_TOTO_STATEMENT_V1_TYPE, subject: subjects, predicateType, predicate };
  return new TextEncoder().encode(JSON.stringify(statement));
}

const DIGESTS = ['sha256', 'sha384', 'sha512'] as const;

/**
 * The digest (`sha256:<hex>`, else `sha384:` or `sha512:`) of the first subject of an in-toto
 * statement that has one: what a verifier is given to check the statement is about an artifact.
 * Throws `SigningError` (`ERR_INVALID_INPUT`) when the payload is not such a statement.
 */
export function firstSubjectDigest(payload: Uint8Array): string {
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new SigningError('ERR_INVALID_INPUT', 'the in-toto statement is not JSON');
  }
  const subjects = (statement as { subject?: unknown } | null)?.subject;
  if (Array.isArray(subjects)) {
    for (const subject of subjects) {
      const digest = (subject as { digest?: Record<string, unknown> } | null)?.digest;
      for (const name of DIGESTS) {
        const value = digest?.[name];
        if (typeof value === 'string' && /^[0-9a-f]+$/i.test(value)) return `${name}:${value.toLowerCase()}`;
      }
    }
  }
  throw new SigningError(
    'ERR_INVALID_INPUT',
    'the in-toto statement has no subject with a sha256, sha384 or sha512 digest',
  );
}
