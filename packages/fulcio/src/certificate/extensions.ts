import { type CertificateExtension, readElement, Tag, type X509Certificate } from '@keyless/core';
import { FulcioError } from '../errors.js';

/**
 * How an extension's `extnValue` holds its text: the deprecated GitHub-era extensions (.1 to .6)
 * carry the raw UTF-8 bytes; from .8 on the value is a DER UTF8String, as RFC 5280 wants.
 */
export type FulcioExtensionEncoding = 'raw' | 'utf8String';

/** One Fulcio certificate extension under 1.3.6.1.4.1.57264.1. */
export interface FulcioExtensionInfo {
  /** Friendly name, used by policies and the CLI. */
  readonly name: FulcioExtensionName;
  readonly oid: string;
  /** Title as Fulcio's OID directory writes it. */
  readonly title: string;
  readonly encoding: FulcioExtensionEncoding;
  /** Superseded by a provider-neutral extension (the GitHub-specific .1 to .6). */
  readonly deprecated: boolean;
}

const ARC = '1.3.6.1.4.1.57264.1';

function legacy<const N extends string>(name: N, arc: number, title: string) {
  return { name, oid: `${ARC}.${arc}`, title, encoding: 'raw', deprecated: true } as const;
}

function current<const N extends string>(name: N, arc: number, title: string) {
  return { name, oid: `${ARC}.${arc}`, title, encoding: 'utf8String', deprecated: false } as const;
}

/**
 * Every Fulcio extension, in OID order, as listed in Fulcio's OID directory (docs/oid-info.md).
 * `.7` is absent on purpose: it names the username OtherName SAN, not an extension
 * (see {@link FULCIO_USERNAME_OTHERNAME_OID}).
 */
export const FULCIO_EXTENSIONS = [
  legacy('issuer', 1, 'Issuer (deprecated)'),
  legacy('githubWorkflowTrigger', 2, 'GitHub Workflow Trigger (deprecated)'),
  legacy('githubWorkflowSha', 3, 'GitHub Workflow SHA (deprecated)'),
  legacy('githubWorkflowName', 4, 'GitHub Workflow Name (deprecated)'),
  legacy('githubWorkflowRepository', 5, 'GitHub Workflow Repository (deprecated)'),
  legacy('githubWorkflowRef', 6, 'GitHub Workflow Ref (deprecated)'),
  current('issuerV2', 8, 'Issuer (V2)'),
  current('buildSignerURI', 9, 'Build Signer URI'),
  current('buildSignerDigest', 10, 'Build Signer Digest'),
  current('runnerEnvironment', 11, 'Runner Environment'),
  current('sourceRepositoryURI', 12, 'Source Repository URI'),
  current('sourceRepositoryDigest', 13, 'Source Repository Digest'),
  current('sourceRepositoryRef', 14, 'Source Repository Ref'),
  current('sourceRepositoryIdentifier', 15, 'Source Repository Identifier'),
  current('sourceRepositoryOwnerURI', 16, 'Source Repository Owner URI'),
  current('sourceRepositoryOwnerIdentifier', 17, 'Source Repository Owner Identifier'),
  current('buildConfigURI', 18, 'Build Config URI'),
  current('buildConfigDigest', 19, 'Build Config Digest'),
  current('buildTrigger', 20, 'Build Trigger'),
  current('runInvocationURI', 21, 'Run Invocation URI'),
  current('sourceRepositoryVisibilityAtSigning', 22, 'Source Repository Visibility At Signing'),
  current('deploymentEnvironment', 23, 'Deployment Environment'),
  current('tokenSubject', 24, 'Token Subject'),
] as const;

/** Friendly name of a Fulcio extension, e.g. `'sourceRepositoryURI'`. */
export type FulcioExtensionName = (typeof FULCIO_EXTENSIONS)[number]['name'];

/** OtherName type-id of the username SAN Fulcio issues for username identities (value is a UTF8String). */
export const FULCIO_USERNAME_OTHERNAME_OID = `${ARC}.7`;

const BY_OID: ReadonlyMap<string, FulcioExtensionInfo> = new Map(FULCIO_EXTENSIONS.map((e) => [e.oid, e]));
const BY_NAME: ReadonlyMap<string, FulcioExtensionInfo> = new Map(FULCIO_EXTENSIONS.map((e) => [e.name, e]));

/** OID of each Fulcio extension by friendly name. */
export const FULCIO_EXTENSION_OIDS = Object.freeze(
  Object.fromEntries(FULCIO_EXTENSIONS.map((e) => [e.name, e.oid])),
) as Readonly<Record<FulcioExtensionName, string>>;

/**
 * The table entry for `oid`, or `undefined` when it is not a known Fulcio extension.
 *
 * @example
 * ```ts
 * fulcioExtensionByOid('1.3.6.1.4.1.57264.1.12')?.name; // 'sourceRepositoryURI'
 * ```
 */
export function fulcioExtensionByOid(oid: string): FulcioExtensionInfo | undefined {
  return BY_OID.get(oid);
}

/** The table entry for a friendly name, or `undefined` when the name is unknown. */
export function fulcioExtensionByName(name: string): FulcioExtensionInfo | undefined {
  return BY_NAME.get(name);
}

/** Whether `name` is a Fulcio extension's friendly name (for checking names a user typed). */
export function isFulcioExtensionName(name: string): name is FulcioExtensionName {
  return BY_NAME.has(name);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function invalid(info: FulcioExtensionInfo, detail: string): never {
  throw new FulcioError(
    'ERR_CERTIFICATE_EXTENSION_INVALID',
    `certificate extension ${info.name} (${info.oid}) ${detail}`,
  );
}

function decodeUtf8(info: FulcioExtensionInfo, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return invalid(info, 'is not valid UTF-8');
  }
}

/** DER's shortest length form: one byte below 128, else 0x80|n followed by n bytes. */
function derHeaderLength(contentLength: number): number {
  if (contentLength < 0x80) return 2;
  let n = 0;
  for (let rest = contentLength; rest > 0; rest = Math.floor(rest / 256)) n++;
  return 2 + n;
}

function decodeUtf8String(info: FulcioExtensionInfo, value: Uint8Array): string {
  let element: ReturnType<typeof readElement>;
  try {
    element = readElement(value, 0);
  } catch {
    return invalid(info, 'is not a DER UTF8String');
  }
  if (element.tag !== Tag.UTF8_STRING) {
    return invalid(info, `must be a DER UTF8String, found tag 0x${element.tag.toString(16)}`);
  }
  if (element.raw.length !== value.length) return invalid(info, 'has trailing bytes after its UTF8String');
  if (element.raw.length - element.value.length !== derHeaderLength(element.value.length)) {
    return invalid(info, 'has a non-minimal DER length');
  }
  return decodeUtf8(info, element.value);
}

/**
 * The text of one Fulcio extension, decoded as its OID requires. Throws `FulcioError`
 * (`ERR_CERTIFICATE_EXTENSION_INVALID`) when the value is not encoded as the spec says.
 *
 * @example
 * ```ts
 * const ext = cert.extension(FULCIO_EXTENSION_OIDS.sourceRepositoryURI);
 * if (ext) decodeFulcioExtension(ext); // 'https://github.com/owner/repo'
 * ```
 */
export function decodeFulcioExtension(extension: CertificateExtension): string {
  const info = BY_OID.get(extension.oid);
  if (!info) {
    throw new FulcioError(
      'ERR_CERTIFICATE_EXTENSION_INVALID',
      `certificate extension ${extension.oid} is not a known Fulcio extension`,
    );
  }
  return info.encoding === 'raw'
    ? decodeUtf8(info, extension.value)
    : decodeUtf8String(info, extension.value);
}

/**
 * Every known Fulcio extension of `cert`, decoded, by friendly name. Extensions under the Fulcio
 * arc that this table does not know yet are left out. Throws `FulcioError`
 * (`ERR_CERTIFICATE_EXTENSION_INVALID`) when a known one is malformed.
 *
 * @example
 * ```ts
 * fulcioExtensions(cert).sourceRepositoryRef; // 'refs/tags/v1.0.0'
 * ```
 */
export function fulcioExtensions(cert: X509Certificate): Partial<Record<FulcioExtensionName, string>> {
  const out: Partial<Record<FulcioExtensionName, string>> = {};
  for (const extension of cert.extensions) {
    const info = BY_OID.get(extension.oid);
    if (info) out[info.name] = decodeFulcioExtension(extension);
  }
  return out;
}
