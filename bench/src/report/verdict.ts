/**
 * One figure of a section's verdict: what was measured and, when there is a target, the target
 * and whether it was met. A figure without a target is reported only; a section that could not
 * finish has one verdict saying why, marked `failed`.
 */
export interface Verdict {
  what: string;
  target?: string;
  met?: boolean;
  failed?: boolean;
}

/** A figure with a target. */
export function targeted(what: string, met: boolean, target: string): Verdict {
  return { what, met, target };
}

/** A figure reported without a target. */
export function reportOnly(what: string): Verdict {
  return { what };
}

/** A section that stopped with an error. */
export function failure(error: unknown): Verdict {
  const message = error instanceof Error ? error.message : String(error);
  return { what: `could not finish: ${message}`, failed: true };
}

/**
 * `FAIL` when the section could not finish, `PASS` when every target was met, `MISS` when one was
 * not, `REPORT` when there are no targets.
 */
export function outcome(verdicts: readonly Verdict[]): 'PASS' | 'MISS' | 'REPORT' | 'FAIL' {
  if (verdicts.some((v) => v.failed)) return 'FAIL';
  const judged = verdicts.filter((v) => v.met !== undefined);
  if (judged.length === 0) return 'REPORT';
  return judged.every((v) => v.met) ? 'PASS' : 'MISS';
}

/** The figures, `X (target T: met); Y (report only)`. */
export function describeVerdicts(verdicts: readonly Verdict[]): string {
  return verdicts
    .map((v) => {
      if (v.failed) return v.what;
      if (v.met === undefined) return `${v.what} (report only)`;
      return `${v.what} (target ${v.target}: ${v.met ? 'met' : 'MISSED'})`;
    })
    .join('; ');
}

/** The verdict line: `verdict: PASS — X (target T: met); Y (report only)`. */
export function verdictLine(verdicts: readonly Verdict[]): string {
  return `verdict: ${outcome(verdicts)} — ${describeVerdicts(verdicts)}`;
}
