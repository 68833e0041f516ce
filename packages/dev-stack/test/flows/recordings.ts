import type { DevStackUrls } from '../../src/stack/urls.js';
import type { FlowStep, SigningInputs } from './signing-flow.js';

/** The recordings in fixtures/dev-stack/, one per service, in flow order. */
export const RECORDINGS: readonly FlowStep[] = ['oidc', 'fulcio', 'rekor-v1', 'rekor-v2', 'tsa'];

/** The email and artifact the recorded flow signs. */
export const RECORDED_EMAIL = 'fixtures@example.com';
export const RECORDED_ARTIFACT = 'a file signed against the Keyless dev stack\n';

/** What every recording keeps besides the exchanges: the stack's URLs and the flow's public inputs. */
export interface RecordingMeta {
  urls: DevStackUrls;
  email: string;
  artifact: string;
  /** Base64 DER SubjectPublicKeyInfo. */
  publicKey: string;
  proofOfPossession: string;
  signature: string;
  /** The nonce of the recorded timestamp request (decimal). */
  tsaNonce: string;
}

/** The flow's inputs back from a recording's meta. */
export function inputsFromMeta(meta: RecordingMeta): SigningInputs {
  const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
  return {
    email: meta.email,
    publicKey: bytes(meta.publicKey),
    proofOfPossession: bytes(meta.proofOfPossession),
    artifact: new TextEncoder().encode(meta.artifact),
    signature: bytes(meta.signature),
  };
}
