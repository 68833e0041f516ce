import {
  type PreparedAuthority,
  type PreparedTrustedRoot,
  parseTrustedRoot,
  prepareTrustedRoot,
  type TrustedRootJson,
  type TrustRootSource,
} from '@keyless/core';
import { VerificationError } from './errors.js';

/** A certificate authority from the trusted root, ready for path building. */
export interface TrustedAuthority extends PreparedAuthority {
  /** DER subject of the issuing (leaf-most) certificate, to pick candidates without crypto. */
  issuingSubject: Uint8Array;
  /**
   * Whether the CA's own chain (intermediates up to the root) holds together. Checked on first use
   * and remembered: a one-shot verification pays only for the CA it needs.
   */
  chainIsConsistent(): boolean;
}

/** The trusted root, parsed, with keys imported and CA chains checked: built once per verifier. */
export interface TrustMaterial extends PreparedTrustedRoot {
  authorities: TrustedAuthority[];
}

function isTrustRootSource(value: unknown): value is TrustRootSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TrustRootSource).getTrustedRoot === 'function'
  );
}

/** Whether each certificate of a CA's chain is signed by the next one (the last by itself). */
function chainIsConsistent(authority: PreparedAuthority): boolean {
  const certs = authority.certificates;
  for (let i = 0; i < certs.length; i++) {
    const issuer = certs[i + 1] ?? certs[i]!;
    if (!certs[i]!.verifySignedBy(issuer.publicKey)) return false;
  }
  return certs.length > 0;
}

/** Loads (from a source if needed), parses and prepares a trusted root. */
export async function loadTrustMaterial(
  trustedRoot: TrustedRootJson | TrustRootSource,
): Promise<TrustMaterial> {
  let json: unknown = trustedRoot;
  if (isTrustRootSource(trustedRoot)) {
    json = await trustedRoot.getTrustedRoot();
  }
  let prepared: PreparedTrustedRoot;
  try {
    prepared = prepareTrustedRoot(parseTrustedRoot(json));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new VerificationError('ERR_TRUSTED_ROOT_INVALID', `trusted root is invalid: ${detail}`, { cause });
  }
  const authorities = prepared.certificateAuthorities
    .filter((authority) => authority.certificates.length > 0)
    .map((authority): TrustedAuthority => {
      let consistent: boolean | undefined;
      return {
        ...authority,
        issuingSubject: authority.certificates[0]!.subjectDer,
        chainIsConsistent: () => {
          consistent ??= chainIsConsistent(authority);
          return consistent;
        },
      };
    });
  return { ...prepared, authorities };
}
