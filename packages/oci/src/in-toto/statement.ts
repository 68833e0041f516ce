/** The `_type` of an in-toto Statement v1. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';

/** An in-toto statement, as far as image verification reads it. */
export interface InTotoStatement {
  _type?: string;
  subject?: Array<{ name?: string; digest?: Record<string, string>; annotations?: Record<string, unknown> }>;
  predicateType?: string;
  predicate?: unknown;
}

/** Parses a DSSE payload as an in-toto statement, or returns `undefined` when it is not JSON. */
export function parseStatement(payload: Uint8Array): InTotoStatement | undefined {
  try {
    const json = JSON.parse(new TextDecoder().decode(payload)) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as InTotoStatement)
      : undefined;
  } catch {
    return undefined;
  }
}
