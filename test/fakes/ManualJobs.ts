import type { JobData, JobHandler, JobHandlers, JobOptions, Jobs } from '../../scheduling/ports/Jobs.js';
import type { ManualClock } from './ManualClock.js';

interface Waiting {
  readonly seq: number;
  readonly name: string;
  readonly data: JobData;
  readonly runAt: Date;
  readonly key?: string;
}

/**
 * The `Jobs` port in memory, driven by a test's manual clock: nothing runs until the test calls
 * `runDue()`, which runs every job whose time has come (by the clock), oldest first, including
 * jobs those jobs schedule for no later than now. A handler that throws keeps its job.
 */
export class ManualJobs implements Jobs {
  private seq = 0;
  private waiting: Waiting[] = [];
  private readonly handlers = new Map<string, JobHandler>();
  /** Every job that ran to completion, in order. */
  readonly done: Array<{ name: string; data: JobData; at: Date }> = [];
  /** Every failed attempt, in order. */
  readonly failed: Array<{ name: string; data: JobData; at: Date; error: unknown }> = [];

  constructor(private readonly clock: ManualClock) {}

  work(handlers: JobHandlers): void {
    for (const [name, handler] of Object.entries(handlers)) this.handlers.set(name, handler);
  }

  async schedule(name: string, data: JobData, options: JobOptions = {}): Promise<void> {
    if (options.key !== undefined && this.waiting.some((job) => job.name === name && job.key === options.key)) return;
    this.waiting.push({ seq: this.seq++, name, data, runAt: options.runAt ?? this.clock.now(), ...(options.key !== undefined ? { key: options.key } : {}) });
  }

  async cancel(name: string, key: string): Promise<void> {
    this.waiting = this.waiting.filter((job) => !(job.name === name && job.key === key));
  }

  /** Jobs still waiting, soonest first. */
  pending(): ReadonlyArray<{ name: string; data: JobData; runAt: Date; key?: string }> {
    return [...this.waiting].sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.seq - b.seq);
  }

  /** Runs every job due by the clock (failed ones stay waiting); returns how many ran to completion. */
  async runDue(): Promise<number> {
    let ran = 0;
    const tried = new Set<number>();
    for (;;) {
      const now = this.clock.now().getTime();
      const next = this.pending().find((job) => job.runAt.getTime() <= now && !tried.has((job as Waiting).seq)) as Waiting | undefined;
      if (!next) return ran;
      tried.add(next.seq);
      const handler = this.handlers.get(next.name);
      if (!handler) throw new Error(`no handler for job ${next.name}`);
      this.waiting = this.waiting.filter((job) => job.seq !== next.seq);
      try {
        await handler(next.data);
        this.done.push({ name: next.name, data: next.data, at: this.clock.now() });
        ran++;
      } catch (error) {
        this.failed.push({ name: next.name, data: next.data, at: this.clock.now(), error });
        this.waiting.push(next);
      }
    }
  }

  /** Moves the clock forward in steps of `stepMs`, running what falls due at each step. */
  async advance(ms: number, stepMs = 60_000): Promise<void> {
    const end = this.clock.now().getTime() + ms;
    while (this.clock.now().getTime() < end) {
      this.clock.set(new Date(Math.min(end, this.clock.now().getTime() + stepMs)));
      await this.runDue();
    }
  }
}
