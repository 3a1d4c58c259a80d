/**
 * Durable background work: a job is kept in the store until it has run, survives restarts, and
 * runs once even with several bot instances on one PostgreSQL.
 * Adapter: `PgBossJobs` (pg-boss over the embedded PGlite or PostgreSQL); tests drive
 * `test/fakes/ManualJobs.ts` with a manual clock. Contract: test/contracts/jobsContract.ts.
 */

/** What a job carries: ids and small values only - never a child's name. */
export type JobData = Readonly<Record<string, string | number | boolean | null>>;

export interface JobOptions {
  /** Not before this instant (default: at once). Computed by the domain from its clock. */
  readonly runAt?: Date;
  /**
   * At most one waiting job of this name per key: scheduling again with a key that is already
   * waiting changes nothing. Use it for "the reminder for booking B" and the like.
   */
  readonly key?: string;
}

export interface Jobs {
  /** Keeps a job to run at `runAt` (or now). */
  schedule(name: string, data: JobData, options?: JobOptions): Promise<void>;
  /** Drops the waiting job of this name and key, if any (a clock that stopped). */
  cancel(name: string, key: string): Promise<void>;
}

/**
 * Runs one job. Throwing means "not done": the job is kept and tried again later (for example a
 * manager the bot cannot reach yet). Handlers must be safe to run again after a crash.
 */
export type JobHandler = (data: JobData) => Promise<void>;

/** The handlers a service offers, by job name; the wiring (app/) registers them with the engine. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;
