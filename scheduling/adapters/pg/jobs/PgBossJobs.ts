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

/**
 * Due jobs of one name one instance takes per look. A worker waits a polling interval after each
 * look, so this bounds how many jobs of a name an instance starts per interval.
 */
const batchSize = 10;

/** Any fixed number: the advisory lock that serialises queue creation between instances. */
const QUEUE_CREATION_LOCK = 7_474_002;

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
 * - `work(handlers)` (the bot only) starts one worker per job name, taking up to `batchSize` due
 *   jobs per look and running them one after another, each settled on its own; and pg-boss's
 *   maintenance. A handler that throws is retried with backoff (`defaultJobSettings`).
 *   The CLI schedules and cancels but never works: it has no workers and no maintenance timers.
 * - Delivery is at least once: a process killed while a job runs leaves it active until
 *   `expireInSeconds`, then it is tried again. Handlers are written to be safe to run again.
 *
 * Its tables live in `settings.schema` next to the app's; pg-boss creates and migrates them on
 * first use (under its advisory lock; instances starting together: see `startRacing`).
 */
export class PgBossJobs implements Jobs {
  private readonly settings: PgBossJobsSettings;
  private readonly executor: PgBoss.Db;
  private sender: Promise<PgBoss> | undefined;
  private worker: PgBoss | undefined;
  /** This process's worker id per job name (while working). */
  private readonly workerIds = new Map<string, string>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly log: JobLog,
    settings: Partial<PgBossJobsSettings> = {},
  ) {
    this.settings = { ...defaultJobSettings, ...settings };
    this.executor = bossExecutor(db);
  }

  async schedule(name: string, data: JobData, options: JobOptions = {}): Promise<void> {
    const boss = await this.queue(name);
    if (options.key !== undefined && (await this.waiting(name, options.key))) return;
    const id = await boss.send(name, { ...data }, {
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.key !== undefined ? { singletonKey: options.key } : {}),
    });
    // A job due now that this process works starts at once rather than at its worker's next poll
    // (up to pollingIntervalSeconds later): the police email right after a booking, for one.
    const workerId = this.workerIds.get(name);
    if (id && workerId && !options.runAt) this.worker?.notifyWorker(workerId);
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
    const boss = await startRacing(() => this.boss({ supervise: true }));
    this.worker = boss;
    for (const [name, handler] of Object.entries(handlers)) {
      const workerId = await boss.work<JobData>(name, { pollingIntervalSeconds: this.settings.pollingIntervalSeconds, batchSize, includeMetadata: true }, (batch) => this.runBatch(boss, name, handler, batch));
      this.workerIds.set(name, workerId);
    }
  }

  /** Stops taking jobs, waits (up to `timeoutMs`) for those running, and stops the maintenance. The store stays open. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.workerIds.clear();
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

  /**
   * Runs a batch of due jobs one after another, each settled on its own: a failed one is marked
   * failed (to be retried) at once and the others still run. pg-boss then completes the batch,
   * which touches only the jobs still active (the ones that succeeded).
   */
  private async runBatch(boss: PgBoss, name: string, handler: JobHandler, batch: Array<PgBoss.JobWithMetadata<JobData>>): Promise<void> {
    for (const job of batch) {
      try {
        await handler(job.data);
      } catch (error) {
        const safe = logSafeError(error);
        const last = job.retryCount >= job.retryLimit;
        const fields = { job: name, jobId: job.id, attempt: job.retryCount + 1, of: job.retryLimit + 1, err: safe };
        if (last) this.log.error(fields, 'job failed for good: kept as failed in the job table; retry it by its id once the cause is fixed');
        else this.log.warn(fields, 'job failed: it will be tried again');
        // pg-boss keeps what is given here as the job's output: only the log-safe summary.
        await boss.fail(name, job.id, { error: safe });
      }
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
      created = this.createQueue(boss, name);
      this.queues.set(name, created);
      created.catch(() => this.queues.delete(name));
    }
    await created;
    return boss;
  }

  /**
   * Creates the queue (policy `short`) unless it exists. pg-boss's `create_queue` adds a partition
   * and foreign keys; two instances doing it at once deadlock on PostgreSQL, so creations are
   * serialised by an advisory lock.
   */
  private async createQueue(boss: PgBoss, name: string): Promise<void> {
    if (await boss.getQueue(name)) return;
    const { schema, retryLimit, retryDelaySeconds, expireInSeconds, retentionDays } = this.settings;
    const options = { policy: 'short', retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds, retentionMinutes: retentionDays * 24 * 60 };
    await this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [QUEUE_CREATION_LOCK]);
      await tx.query(`select ${schema}.create_queue($1, $2)`, [name, JSON.stringify(options)]);
    });
  }

  /** pg-boss for sending: its schema installed or migrated on first use; no timers, no workers. */
  private started(): Promise<PgBoss> {
    if (!this.sender) {
      this.sender = startRacing(() => this.boss({ supervise: false }));
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

/**
 * Starts pg-boss, installing its schema if needed. Instances starting together on one PostgreSQL
 * can collide in `CREATE SCHEMA IF NOT EXISTS` (a unique violation pg-boss does not expect): the
 * loser finds the schema installed when it tries again.
 */
async function startRacing(make: () => PgBoss, attempts = 3): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    // A fresh instance each time: a pg-boss whose start failed stays half-started.
    const boss = make();
    try {
      return await boss.start();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== '23505' && code !== '42P06' && code !== '42710')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
