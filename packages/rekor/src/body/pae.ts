/**
 * The DSSE pre-authentication encoding, the bytes a DSSE signature covers:
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal bytes.
 *
 * @example
 * ```ts
 * preAuthEncoding('application/vnd.in-toto+json', envelope.payload);
 * ```
 */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `, 'utf8');
  return Buffer.concat([head, payload]);
}
