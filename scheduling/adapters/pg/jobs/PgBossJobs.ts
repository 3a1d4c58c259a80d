import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { logSafeError } from '../../../logSafeError.js';
import type { JobData, JobHandler, JobHandlers, JobOptions, Jobs } from '../../../ports/Jobs.js';
import type { Db } from '../Db.js';
import { bossExecutor } from './bossExecutor.js';

export interface PgBossJobsSettings {
  /** PostgreSQL schema pg-boss keeps its tables in. */
  readonly schema: string;
  /** How often each worker looks for due jobs: a due job starts within about this long. */
  readonly pollingIntervalSeconds: number;
  /** Tries after the first before a job is kept as `failed` (see `retryDelaySeconds`). */
  readonly retryLimit: number;
  /**
   * The first retry waits this long (up to twice it); each next one waits about twice as long as
   * the one before (pg-boss's backoff, with jitter).
   */
  readonly retryDelaySeconds: number;
  /** A job still running after this long counts as failed (its process died) and is retried. */
  readonly expireInSeconds: number;
  /** A job waiting or retrying this long after it fell due is given up (archived by pg-boss). */
  readonly retentionDays: number;
  /** A job that failed for good stays in the job table (for a person to see and retry) this long. */
  readonly keepFailedDays: number;
  /** How often one instance (whichever gets there first) expires, archives and purges jobs. */
  readonly maintenanceIntervalSeconds: number;
}

/**
 * The defaults. Retries: 12 after the first try, waiting about 5 s, 10 s, 20 s ... 2.8 h (with
 * jitter up to twice each): a job keeps being tried for 6 to 11 hours, long enough for a manager
 * to open a chat with the bot or Graph to come back. After that it is kept as `failed` (never
 * dropped) for 30 days, and the error log line names the job and its id so a person can retry it.
 */
export const defaultJobSettings: PgBossJobsSettings = {
  schema: 'pgboss',
  pollingIntervalSeconds: 2,
  retryLimit: 12,
  retryDelaySeconds: 5,
  expireInSeconds: 300,
  retentionDays: 30,
  keepFailedDays: 30,
  maintenanceIntervalSeconds: 120,
};

/** What the engine writes to the log: ids and job names only. */
export type JobLog = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * The `Jobs` port on pg-boss 10, in the store itself (the embedded PGlite or PostgreSQL): a job
 * is a row, so it survives restarts, and with several bot instances on one PostgreSQL each job is
 * taken by one of them (`FOR UPDATE SKIP LOCKED`).
 *
 * - `schedule` sends with `startAfter` = runAt; a `key` is pg-boss's singleton key on a queue of
 *   policy `short` (a unique index allows one *created* job per name and key), and a job of that
 *   name and key waiting for a retry counts as waiting too.
 * - `work(handlers)` (the bot only) starts one worker per job name, one job at a time each, and
 *   pg-boss's maintenance. A handler that throws is retried with backoff (`defaultJobSettings`).
 *   The CLI schedules and cancels but never works: it has no workers and no maintenance timers.
 * - Delivery is at least once: a process killed while a job runs leaves it active until
 *   `expireInSeconds`, then it is tried again. Handlers are written to be safe to run again.
 *
 * Its tables live in `settings.schema` next to the app's; pg-boss creates and migrates them on
 * first use (under its advisory lock, so instances starting together do it once).
 */
export class PgBossJobs implements Jobs {
  private readonly settings: PgBossJobsSettings;
  private readonly executor: PgBoss.Db;
  private sender: Promise<PgBoss> | undefined;
  private worker: PgBoss | undefined;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    db: Db,
    private readonly log: JobLog,
    settings: Partial<PgBossJobsSettings> = {},
  ) {
    this.settings = { ...defaultJobSettings, ...settings };
    this.executor = bossExecutor(db);
  }

  async schedule(name: string, data: JobData, options: JobOptions = {}): Promise<void> {
    const boss = await this.queue(name);
    if (options.key !== undefined && (await this.waiting(name, options.key))) return;
    await boss.send(name, { ...data }, {
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.key !== undefined ? { singletonKey: options.key } : {}),
    });
  }

  async cancel(name: string, key: string): Promise<void> {
    await this.queue(name);
    await this.executor.executeSql(
      `update ${this.settings.schema}.job set state = 'cancelled', completed_on = now() where name = $1 and singleton_key = $2 and state < 'active'`,
      [name, key],
    );
  }

  /**
   * Starts working: one worker per handler (polling every `pollingIntervalSeconds`) and the
   * maintenance. Call once, in the bot, after it is listening.
   */
  async work(handlers: JobHandlers): Promise<void> {
    if (this.worker) throw new Error('the job engine is already working');
    for (const name of Object.keys(handlers)) await this.queue(name);
    const boss = this.boss({ supervise: true });
    this.worker = boss;
    await boss.start();
    for (const [name, handler] of Object.entries(handlers)) {
      await boss.work<JobData>(name, { pollingIntervalSeconds: this.settings.pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, ([job]) => this.run(name, handler, job!));
    }
  }

  /** Stops taking jobs, waits (up to `timeoutMs`) for those running, and stops the maintenance. The store stays open. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
    const sender = this.sender;
    this.sender = undefined;
    this.queues.clear();
    if (sender) await (await sender.catch(() => undefined))?.stop({ graceful: false, close: false });
  }

  /** Jobs that failed for good, for a person to look at (ids and names only). */
  async failed(): Promise<Array<{ id: string; name: string; completedOn: Date }>> {
    await this.started();
    const { rows } = await this.executor.executeSql(`select id, name, completed_on as "completedOn" from ${this.settings.schema}.job where state = 'failed' order by completed_on`, []);
    return rows as Array<{ id: string; name: string; completedOn: Date }>;
  }

  /** Tries a job that failed for good once more (its id from the error log or `failed()`). */
  async retry(name: string, id: string): Promise<void> {
    const boss = await this.started();
    await boss.retry(name, id);
  }

  private async run(name: string, handler: JobHandler, job: PgBoss.JobWithMetadata<JobData>): Promise<void> {
    try {
      await handler(job.data);
    } catch (error) {
      const safe = logSafeError(error);
      const last = job.retryCount >= job.retryLimit;
      const fields = { job: name, jobId: job.id, attempt: job.retryCount + 1, of: job.retryLimit + 1, err: safe };
      if (last) this.log.error(fields, 'job failed for good: kept as failed in the job table; retry it by its id once the cause is fixed');
      else this.log.warn(fields, 'job failed: it will be tried again');
      // pg-boss keeps what a handler throws as the job's output: only the log-safe summary.
      throw Object.assign(new Error(typeof safe.message === 'string' ? safe.message : String(safe.name)), { name: String(safe.name) });
    }
  }

  /** Whether a job of this name and key is waiting (to start or to be retried). */
  private async waiting(name: string, key: string): Promise<boolean> {
    const { rows } = await this.executor.executeSql(`select 1 from ${this.settings.schema}.job where name = $1 and singleton_key = $2 and state < 'active' limit 1`, [name, key]);
    return rows.length > 0;
  }

  /** The started sender, with the queue `name` created (once per process). */
  private async queue(name: string): Promise<PgBoss> {
    const boss = await this.started();
    let created = this.queues.get(name);
    if (!created) {
      const { retryLimit, retryDelaySeconds, expireInSeconds, retentionDays } = this.settings;
      created = boss.createQueue(name, { name, policy: 'short', retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds, retentionMinutes: retentionDays * 24 * 60 });
      this.queues.set(name, created);
      created.catch(() => this.queues.delete(name));
    }
    await created;
    return boss;
  }

  /** pg-boss for sending: its schema installed or migrated on first use; no timers, no workers. */
  private started(): Promise<PgBoss> {
    if (!this.sender) {
      const boss = this.boss({ supervise: false });
      this.sender = boss.start().then(() => boss);
      this.sender.catch(() => (this.sender = undefined));
    }
    return this.sender;
  }

  private boss(options: { supervise: boolean }): PgBoss {
    const { schema, retryLimit, retryDelaySeconds, expireInSeconds, retentionDays, keepFailedDays, maintenanceIntervalSeconds } = this.settings;
    const boss = new PgBoss({
      db: this.executor,
      schema,
      supervise: options.supervise,
      schedule: false, // no cron: recurring work is a self-rescheduling keyed job (services/Sweep.ts)
      migrate: true,
      retryLimit,
      retryDelay: retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds,
      retentionDays,
      archiveFailedAfterSeconds: keepFailedDays * 86_400,
      maintenanceIntervalSeconds,
    });
    // pg-boss reports worker and maintenance errors as events; unheard, an 'error' event would end the process.
    boss.on('error', (error: Error & { queue?: string }) => this.log.error({ queue: error.queue, err: logSafeError(error) }, 'job engine error'));
    return boss;
  }
}
