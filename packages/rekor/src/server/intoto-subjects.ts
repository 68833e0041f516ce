/** in-toto statements name their artifacts by digest; those digests make an artifact searchable. */
const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const MAX_SUBJECT_KEYS = 64;

/**
 * `<algorithm>:<hex>` for each subject digest of an in-toto statement payload (at most 64), or
 * nothing for another payload type or an unreadable statement.
 */
export function intotoSubjectKeys(payloadType: string, payload: Uint8Array): string[] {
  if (payloadType !== INTOTO_PAYLOAD_TYPE) return [];
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    return [];
  }
  const subjects = (statement as { subject?: unknown })?.subject;
  if (!Array.isArray(subjects)) return [];
  const keys: string[] = [];
  for (const subject of subjects) {
    const digests = (subject as { digest?: unknown })?.digest;
    if (typeof digests !== 'object' || digests === null) continue;
    for (const [algorithm, value] of Object.entries(digests)) {
      if (typeof value === 'string' && /^[0-9a-fA-F]+$/.test(value))
        keys.push(`${algorithm}:${value}`.toLowerCase());
      if (keys.length >= MAX_SUBJECT_KEYS) return keys;
    }
  }
  return keys;
}
