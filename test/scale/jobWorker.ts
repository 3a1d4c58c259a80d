/**
 * A bot instance's job engine in its own process, for the crash and scale-out tests of the job
 * engine: opens the store as the bot does (DATA_DIR served on its socket, or DATABASE_URL), runs
 * pg-boss workers with one test job, `test.record`, that adds a row (its data's `key`, this
 * process's pid) to `test_job_runs` for every execution, and prints `{"ready":true,"pid":...}`.
 *
 *   tsx test/scale/jobWorker.ts     (env: DATA_DIR or DATABASE_URL, JOB_POLL_SECONDS)
 */
import { pino } from 'pino';
import { loadConfig } from '../../app/config.js';
import { openDesk } from '../../app/openDesk.js';
import { PgBossJobs } from '../../scheduling/adapters/pg/jobs/PgBossJobs.js';

export const recordJob = 'test.record';

const config = loadConfig(process.env);
const log = pino({ level: 'silent' });
const desk = await openDesk(config, { log, serveEmbeddedStore: !config.databaseUrl });
// Instances start together: `create table if not exists` alone races in PostgreSQL (a duplicate
// pg_type key), so the creation holds a transaction-scoped advisory lock.
await desk.db.exec(
  'do $$ begin perform pg_advisory_xact_lock(7306); create table if not exists test_job_runs (key text not null, pid integer not null, at timestamptz not null default now()); end $$',
);
const engine = new PgBossJobs(desk.db, log, { pollingIntervalSeconds: config.jobs.pollSeconds });
await engine.work({
  [recordJob]: async (data) => {
    await desk.db.query('insert into test_job_runs (key, pid) values ($1, $2)', [String(data.key), process.pid]);
  },
});
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid })}\n`);

process.once('SIGTERM', () => {
  void engine
    .stop()
    .then(() => desk.close())
    .then(() => process.exit(0));
});
