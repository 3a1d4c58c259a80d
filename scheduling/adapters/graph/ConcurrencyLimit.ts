/**
 * At most `max` tasks at once; the rest wait their turn in order. Graph allows an app 4 concurrent
 * requests per mailbox and throttles the fifth, so callers queue here instead of stampeding.
 * @example
 * const limit = new ConcurrencyLimit(4);
 * await Promise.all(days.map((d) => limit.run(() => readDay(d)))) // never more than 4 reads at once
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a whole number from 1, not ${max}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
