import { CoreError } from '../errors/keyless-error.js';
import { decodeBase64Strict } from './base64.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
// PEM bodies use the standard alphabet only (RFC 7468).
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/**
 * Every PEM block in `text`, in order. A block whose body is not base64 is a `CoreError`
 * (`ERR_ASN1_PARSE`) rather than silently decoded around the bad characters.
 */
export function decodePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1] ?? '';
    const body = (match[2] ?? '').replace(/\s+/g, '');
    const der = BASE64_BODY.test(body) ? decodeBase64Strict(body) : undefined;
    if (!der) throw new CoreError('ERR_ASN1_PARSE', `PEM "${label}" block is not valid base64`);
    blocks.push({ label, der });
  }
  return blocks;
}

/** The single PEM block with the given label, or a `CoreError`. */
export function decodePem(text: string, label: string): Uint8Array {
  const block = decodePemBlocks(text).find((b) => b.label === label);
  if (!block) throw new CoreError('ERR_ASN1_PARSE', `expected a PEM "${label}" block`);
  return block.der;
}

export function encodePem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
