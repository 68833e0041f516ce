const decoder = new TextDecoder();

/**
 * The first error of an OCI error body (`{"errors":[{"code":"MANIFEST_UNKNOWN","message":"…"}]}`),
 * or `undefined` when the body is not one.
 */
export function ociErrorOf(body: Uint8Array): { code: string; message: string } | undefined {
  if (body.byteLength === 0 || body.byteLength > 64 * 1024) return undefined;
  try {
    const json = JSON.parse(decoder.decode(body)) as {
      errors?: Array<{ code?: unknown; message?: unknown }>;
    };
    const first = json.errors?.[0];
    if (!first) return undefined;
    return {
      code: typeof first.code === 'string' ? first.code : '',
      message: typeof first.message === 'string' ? first.message.replace(/\s+/g, ' ').slice(0, 200) : '',
    };
  } catch {
    return undefined;
  }
}
