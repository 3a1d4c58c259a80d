import type { ConcurrencyLimit } from './ConcurrencyLimit.js';

/** Where the retry gets its time: real time in the product, a test's own clock in tests. */
export interface RetryTimer {
  /** Milliseconds on a clock that only goes forward (not the wall clock). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface GraphRetrySettings {
  /** The longest one call may take, attempts and waits together; also each attempt's time-out. */
  readonly budgetMs: number;
  /**
   * Retries after the first attempt, at most, when Graph does not say when to come back (or says
   * at once). A call Graph turns away with a Retry-After keeps coming back when told for as long
   * as the budget allows: three instances sharing a mailbox that takes four calls at a time can
   * see one call turned away a dozen times in a row, and that is a busy mailbox, not a failure.
   */
  readonly maxRetries: number;
  /** The wait when Graph sends no Retry-After, doubled at each retry. */
  readonly firstDelayMs: number;
}

/**
 * The time budget of one Graph call, from the lease it must finish within: a quarter of it, so a
 * live sender's create and mail, retries included, end well before its reservation or its mail
 * claim (both 120 s by default) can be taken over by the reconciler or another process.
 * @example
 * retryBudgetForLease(120) //=> 30000
 */
export function retryBudgetForLease(leaseSeconds: number): number {
  return Math.floor((leaseSeconds * 1000) / 4);
}

/** 30 s per call (a quarter of the 120 s leases); without Retry-After at most 10 retries, 1 s then 2 s, 4 s... */
export const defaultRetrySettings: GraphRetrySettings = { budgetMs: retryBudgetForLease(120), maxRetries: 10, firstDelayMs: 1_000 };

const realTimer: RetryTimer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The HTTP status of a failed Graph call; -1 or undefined when no answer came. */
export const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number } | undefined)?.statusCode;

/** Throttled or briefly unavailable (429, 503, 504): worth another try for a call that is safe to repeat. */
export const isTransient = (error: unknown): boolean => [429, 503, 504].includes(statusOf(error) ?? 0);

/** Throttled (429): Graph did not process the call, so even a send is safe to repeat. */
export const isThrottled = (error: unknown): boolean => statusOf(error) === 429;

/** Graph's Retry-After, in milliseconds, when it sent one (in seconds, as Graph does). */
function retryAfterMs(error: unknown): number | undefined {
  const header = (error as { headers?: { get?(name: string): string | null } }).headers?.get?.('Retry-After');
  const seconds = header === null || header === undefined || header.trim() === '' ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Retries a Graph call the way the mailbox needs: each attempt runs inside one of the mailbox's
 * call slots (`ConcurrencyLimit`), and every wait - Graph's Retry-After, or a doubling delay -
 * happens outside it, so a throttled call never holds a slot while it sleeps. One call, attempts
 * and waits together, never takes longer than its budget: a wait that would end past it is not
 * started, and each attempt is cut off (aborted) when the budget runs out.
 * Replaces the Graph client's RetryHandler, which sleeps inside whatever slot the caller holds.
 * @example
 * await retry.run(limit, (signal) => client.api(path).option('signal', signal).get(), isTransient)
 */
export class GraphRetry {
  constructor(
    readonly settings: GraphRetrySettings = defaultRetrySettings,
    private readonly timer: RetryTimer = realTimer,
  ) {}

  /**
   * Runs `call` until it succeeds, fails in a way `retryable` refuses, runs out of retries
   * (counted only where Graph sent no Retry-After, or 0), or the next wait would pass the
   * budget; then throws the last failure.
   */
  async run<T>(limit: ConcurrencyLimit, call: (signal: AbortSignal) => Promise<T>, retryable: (error: unknown) => boolean): Promise<T> {
    const { budgetMs, maxRetries, firstDelayMs } = this.settings;
    const deadline = this.timer.now() + budgetMs;
    let counted = 0;
    for (;;) {
      try {
        return await limit.run(() => call(AbortSignal.timeout(Math.max(1, Math.ceil(deadline - this.timer.now())))));
      } catch (error) {
        if (!retryable(error)) throw error;
        const told = retryAfterMs(error);
        // Counted: a wait of our own choosing, or a Retry-After of 0 (no time passes, so the
        // budget alone would not bound it).
        if (!told && counted++ >= maxRetries) throw error;
        const wait = told ?? firstDelayMs * 2 ** (counted - 1);
        if (this.timer.now() + wait >= deadline) throw error;
        await this.timer.sleep(wait); // outside the slot: other calls use it meanwhile
      }
    }
  }
}
