import type { Clock } from '../ports/Clock.js';
import type { JobHandlers, Jobs } from '../ports/Jobs.js';

/** The key of the run `start()` asks for, apart from the chain's own key (the job's name). */
const startKey = 'start';

/**
 * Work done every `everySeconds`, durably and by one instance at a time: a keyed job that, when
 * it runs, first schedules its next run (key = the job's name: one waiting at a time, however
 * many instances run it) and then does the work. Nothing lives in a timer: a restart finds the
 * next run waiting in the store. A sweep only *finds* work and schedules one job per item, so a
 * failing item is retried on its own and never stops the others.
 *
 * The work never fails the job: an error goes to `onError` and the next run tries again (a
 * retrying sweep alongside the next one would only do the same work twice).
 * @example
 * const sweep = new Sweep({ jobs, clock }, 'reconcile.sweep', 300, () => reconciler.sweep(), onError);
 * desk.jobHandlers = { ...sweep.handlers() };   // the engine runs it
 * await sweep.start();                           // the bot, at start: one run now, then every 300 s
 */
export class Sweep {
  constructor(
    private readonly deps: { readonly jobs: Jobs; readonly clock: Clock },
    readonly name: string,
    private readonly everySeconds: number,
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * Asks for a run now (at most one such waiting, whoever asks) which then keeps the chain going.
   * The bot calls it at start-up; calling it again is harmless.
   */
  start(): Promise<void> {
    return this.deps.jobs.schedule(this.name, {}, { key: startKey });
  }

  handlers(): JobHandlers {
    return { [this.name]: () => this.run() };
  }

  private async run(): Promise<void> {
    const { jobs, clock } = this.deps;
    await jobs.schedule(this.name, {}, { key: this.name, runAt: new Date(clock.now().getTime() + this.everySeconds * 1000) });
    try {
      await this.work();
    } catch (error) {
      this.onError(error);
    }
  }
}
