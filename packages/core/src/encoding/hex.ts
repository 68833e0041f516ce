export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** Decodes hex; `undefined` when the text is not an even-length hex string. */
export function fromHexStrict(text: string): Uint8Array | undefined {
  return HEX_PATTERN.test(text) ? Buffer.from(text, 'hex') : undefined;
}
