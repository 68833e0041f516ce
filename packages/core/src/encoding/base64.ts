const BASE64_PATTERN = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Decodes standard or URL-safe base64 (padding optional, as protobuf's JSON mapping allows).
 * Returns `undefined` for anything that is not base64, instead of skipping bad characters the
 * way `Buffer.from(s, 'base64')` does.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64_PATTERN.test(text)) return undefined;
  const unpadded = text.endsWith('==') ? text.length - 2 : text.endsWith('=') ? text.length - 1 : text.length;
  if (unpadded % 4 === 1) return undefined;
  if (text.includes('=') && text.length % 4 !== 0) return undefined;
  const urlSafe = text.includes('-') || text.includes('_');
  // One alphabet or the other: a string mixing them is neither encoding.
  if (urlSafe && (text.includes('+') || text.includes('/'))) return undefined;
  return Buffer.from(text, urlSafe ? 'base64url' : 'base64');
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
