import {
  array,
  base64,
  doubleBase64,
  invalidBody,
  type JsonObject,
  object,
  pemVerifier,
  string,
  v1Hash,
  v2Hash,
  v2Verifier,
} from './json-fields.js';
import type { EntryBody, LoggedSignature } from './types.js';

type BodyParser = (spec: JsonObject) => EntryBody;

const PARSERS: Record<string, BodyParser> = {
  'hashedrekord/0.0.1': (spec) => {
    const signature = object(spec.signature, 'spec.signature');
    const publicKey = object(signature.publicKey, 'spec.signature.publicKey');
    return {
      kind: 'hashedrekord',
      apiVersion: '0.0.1',
      data: v1Hash(object(spec.data, 'spec.data').hash, 'spec.data.hash'),
      signature: {
        signature: base64(signature.content, 'spec.signature.content'),
        verifier: pemVerifier(publicKey.content, 'spec.signature.publicKey.content'),
      },
    };
  },
  'hashedrekord/0.0.2': (spec) => {
    const inner = object(spec.hashedRekordV002, 'spec.hashedRekordV002');
    return {
      kind: 'hashedrekord',
      apiVersion: '0.0.2',
      data: v2Hash(inner.data, 'spec.hashedRekordV002.data'),
      signature: v2Signature(inner.signature, 'spec.hashedRekordV002.signature'),
    };
  },
  'dsse/0.0.1': (spec) => ({
    kind: 'dsse',
    apiVersion: '0.0.1',
    payloadHash: v1Hash(spec.payloadHash, 'spec.payloadHash'),
    envelopeHash:
      spec.envelopeHash === undefined ? undefined : v1Hash(spec.envelopeHash, 'spec.envelopeHash'),
    signatures: array(spec.signatures, 'spec.signatures').map((value, i): LoggedSignature => {
      const sig = object(value, `spec.signatures[${i}]`);
      return {
        signature: base64(sig.signature, `spec.signatures[${i}].signature`),
        verifier: pemVerifier(sig.verifier, `spec.signatures[${i}].verifier`),
      };
    }),
  }),
  'dsse/0.0.2': (spec) => {
    const inner = object(spec.dsseV002, 'spec.dsseV002');
    return {
      kind: 'dsse',
      apiVersion: '0.0.2',
      payloadHash: v2Hash(inner.payloadHash, 'spec.dsseV002.payloadHash'),
      signatures: array(inner.signatures, 'spec.dsseV002.signatures').map((value, i) =>
        v2Signature(value, `spec.dsseV002.signatures[${i}]`),
      ),
    };
  },
  'intoto/0.0.2': (spec) => {
    const content = object(spec.content, 'spec.content');
    const envelope = object(content.envelope, 'spec.content.envelope');
    const path = 'spec.content.envelope';
    return {
      kind: 'intoto',
      apiVersion: '0.0.2',
      payloadType: string(envelope.payloadType, `${path}.payloadType`),
      payload: envelope.payload === undefined ? undefined : doubleBase64(envelope.payload, `${path}.payload`),
      payloadHash:
        content.payloadHash === undefined
          ? undefined
          : v1Hash(content.payloadHash, 'spec.content.payloadHash'),
      signatures: array(envelope.signatures, `${path}.signatures`).map((value, i): LoggedSignature => {
        const sig = object(value, `${path}.signatures[${i}]`);
        return {
          signature: doubleBase64(sig.sig, `${path}.signatures[${i}].sig`),
          verifier: pemVerifier(sig.publicKey, `${path}.signatures[${i}].publicKey`),
        };
      }),
    };
  },
};

function v2Signature(value: unknown, path: string): LoggedSignature {
  const sig = object(value, path);
  return {
    signature: base64(sig.content, `${path}.content`),
    verifier: v2Verifier(sig.verifier, `${path}.verifier`),
  };
}

/** `kind/apiVersion` pairs {@link parseEntryBody} understands. */
export const SUPPORTED_ENTRY_KINDS: readonly string[] = Object.keys(PARSERS);

/**
 * Decodes a canonicalized entry body (hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2)
 * into bytes. Throws `RekorError('ERR_TLOG_BODY_INVALID')` for bad JSON, a wrong shape, or another
 * kind.
 *
 * @example
 * ```ts
 * const body = parseEntryBody(entry.canonicalizedBody);
 * if (body.kind === 'hashedrekord') body.data.digest;
 * ```
 */
export function parseEntryBody(canonicalizedBody: Uint8Array): EntryBody {
  let json: unknown;
  try {
    json = JSON.parse(
      Buffer.from(
        canonicalizedBody.buffer,
        canonicalizedBody.byteOffset,
        canonicalizedBody.byteLength,
      ).toString('utf8'),
    );
  } catch {
    invalidBody('it is not JSON');
  }
  const body = object(json, 'body');
  const kind = string(body.kind, 'kind');
  const apiVersion = string(body.apiVersion, 'apiVersion');
  const key = `${kind}/${apiVersion}`;
  const parser = Object.hasOwn(PARSERS, key) ? PARSERS[key] : undefined;
  if (!parser) invalidBody(`entry kind ${kind} ${apiVersion} is not supported`);
  return parser(object(body.spec, 'spec'));
}
