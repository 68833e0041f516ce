const MAX_MESSAGE_CHARS = 200;
const decoder = new TextDecoder();

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Picks the human message out of the error shapes the services we talk to use: `{message}`
 * (Rekor, Fulcio's gRPC gateway), OAuth's `{error, error_description}`, the OCI distribution
 * spec's `{errors: [{code, message}]}`, `{error: {message}}`, `{error}` and RFC 9457 `{detail}`.
 */
function messageFromJson(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  const first = Array.isArray(json.errors) ? json.errors[0] : undefined;
  if (isObject(first)) {
    const code = str(first.code);
    const message = str(first.message) ?? str(first.detail);
    if (message !== undefined) return code !== undefined ? `${code}: ${message}` : message;
  }
  const error = json.error;
  const description = str(json.error_description);
  if (str(error) !== undefined && description !== undefined) return `${error}: ${description}`;
  return (
    str(json.message) ??
    (isObject(error) ? str(error.message) : undefined) ??
    str(error) ??
    str(json.detail) ??
    str(json.title)
  );
}

/** Collapses to one printable line of at most 200 characters. */
function oneLine(text: string): string | undefined {
  // Control characters would let a server forge extra lines in a terminal or a log.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)}…` : flat;
}

/**
 * What a server said in an error response, as one short line: the message field of a JSON error
 * body, else the text (HTML tags removed), else `undefined` for an empty body.
 *
 * @example
 * ```ts
 * serverMessage(new TextEncoder().encode('{"code":400,"message":"bad entry"}'), 'application/json');
 * // 'bad entry'
 * ```
 */
export function serverMessage(body: Uint8Array, contentType: string | null): string | undefined {
  const text = decoder.decode(body);
  const start = text.trimStart()[0];
  if (start === '{' || start === '[' || contentType?.includes('json')) {
    try {
      const message = messageFromJson(JSON.parse(text));
      if (message !== undefined) return oneLine(message);
    } catch {
      // Not JSON after all: fall back to the text.
    }
  }
  const html = contentType?.includes('html') || start === '<';
  return oneLine(
    html ? text.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ') : text,
  );
}
