/** cosign's short names for common predicate types (`--type slsaprovenance`). */
export const PREDICATE_TYPE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  custom: 'https://cosign.sigstore.dev/attestation/v1',
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  link: 'https://in-toto.io/Link/v1',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  openvex: 'https://openvex.dev/ns',
});

/**
 * A predicate type given by short name (`slsaprovenance1`) or URI, as a URI.
 *
 * @example
 * ```ts
 * predicateTypeUri('cyclonedx'); // 'https://cyclonedx.org/bom'
 * predicateTypeUri('https://example.com/review/v1'); // unchanged
 * ```
 */
export function predicateTypeUri(type: string): string {
  return PREDICATE_TYPE_ALIASES[type] ?? type;
}
