import type { VerifiedTimestamp } from '@keyless/core';
import type { VerificationCheck, VerificationCheckName } from './types.js';

/** Collects what a verification checked, in order, for the result. */
export class CheckLog {
  readonly checks: VerificationCheck[] = [];
  readonly warnings: string[] = [];
  readonly timestamps: VerifiedTimestamp[] = [];

  passed(name: VerificationCheckName, detail: string): void {
    this.checks.push({ name, detail });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}
