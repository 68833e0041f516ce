/** What the schedule needs to know about the log, and the one thing it asks of it. */
export interface CheckpointedLog {
  /** Closing, or a write failed: no more checkpoints. */
  stopped(): boolean;
  /** Every appended entry is durable (a checkpoint may only be taken then). */
  idle(): boolean;
  /** Durable entries not covered by the last checkpoint. */
  behind(): number;
  checkpoint(): void;
}

/**
 * When a log writes its checkpoint: at once after every `everyEntries` durable entries, and
 * `delayMs` after appends pause, so that recovery after a quiet crash replays little.
 */
export class CheckpointSchedule {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: CheckpointedLog,
    private readonly everyEntries: number,
    private readonly delayMs: number,
  ) {}

  /** Called after each group commit. */
  afterCommit(): void {
    if (this.log.stopped() || !this.log.idle()) return;
    const behind = this.log.behind();
    if (behind >= this.everyEntries) this.log.checkpoint();
    else if (behind > 0) this.later();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private later(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.log.stopped()) return;
      if (this.log.idle()) this.log.checkpoint();
      else this.later();
    }, this.delayMs);
    this.timer.unref();
  }
}
