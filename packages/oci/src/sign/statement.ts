import { parseDigest } from '../digest/digest.js';
import { OciError } from '../errors.js';
import { IN_TOTO_STATEMENT_V1 } from '../in-toto/statement.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from '../media-types.js';

const encoder = new TextEncoder();

function subjectDigest(digest: string): Record<string, string> {
  const parsed = parseDigest(digest);
  if (!parsed) throw new OciError('ERR_INVALID_INPUT', `"${digest}" is not a supported digest`);
  return { [parsed.algorithm]: parsed.hex };
}

/**
 * The in-toto statement cosign signs for an image in the bundle format: the image digest as the
 * only subject, the signer's annotations on that subject, predicate type
 * `https://sigstore.dev/cosign/sign/v1` and an empty predicate.
 *
 * @example
 * ```ts
 * const statement = imageSignatureStatement('sha256:…', { env: 'prod' });
 * ```
 */
export function imageSignatureStatement(
  digest: string,
  annotations: Readonly<Record<string, string>> = {},
): Uint8Array {
  const subject: { digest: Record<string, string>; annotations?: Record<string, string> } = {
    digest: subjectDigest(digest),
  };
  if (Object.keys(annotations).length > 0) subject.annotations = { ...annotations };
  return encoder.encode(
    JSON.stringify({
      _type: IN_TOTO_STATEMENT_V1,
      subject: [subject],
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      predicate: {},
    }),
  );
}

/**
 * An in-toto statement attesting `predicate` (of `predicateType`) about an image: the image's
 * repository as the subject's name and its digest.
 */
export function imageAttestationStatement(
  name: string,
  digest: string,
  predicateType: string,
  predicate: unknown,
): Uint8Array {
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new OciError('ERR_INVALID_INPUT', 'the predicate must be a JSON object');
  }
  if (predicateType.trim() === '') throw new OciError('ERR_INVALID_INPUT', 'the predicate type is empty');
  return encoder.encode(
    JSON.stringify({
      _type: IN_TOTO_STATEMENT_V1,
      subject: [{ name, digest: subjectDigest(digest) }],
      predicateType,
      predicate,
    }),
  );
}
