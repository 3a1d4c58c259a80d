import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, it, vi, type TestContext } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk } from '../../app/openDesk.js';
import { createScratchDatabase, seedDataDir } from '../fakes/testDb.js';
import { JobWorker } from './jobWorkers.js';

const recordJob = 'test.record';

/** What a test closes when it ends, last opened first: each test keeps its own (they run side by side). */
function cleanupsOf({ onTestFinished }: TestContext): Array<() => Promise<void> | void> {
  const cleanups: Array<() => Promise<void> | void> = [];
  onTestFinished(async () => {
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });
  return cleanups;
}

/** A desk as the CLI opens it: on DATA_DIR it goes through the running bot's store socket. */
async function cliDesk(env: Record<string, string>, cleanups: Array<() => Promise<void> | void>): Promise<OpenDesk> {
  const desk = await openDesk(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { log: pino({ level: 'silent' }) });
  cleanups.push(() => desk.close());
  return desk;
}

async function completed(desk: OpenDesk): Promise<number> {
  const { rows } = await desk.db.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = $1 and state = 'completed'`, [recordJob]);
  return rows[0]!.n;
}

async function runs(desk: OpenDesk): Promise<Array<{ key: string; pid: number; at: Date }>> {
  return (await desk.db.query<{ key: string; pid: number; at: Date }>('select key, pid, at from test_job_runs order by at')).rows;
}

/** How many times each key ran. */
function timesEach(rows: ReadonlyArray<{ key: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { key } of rows) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

const once = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));
const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

// Side by side: each test mostly waits (for due times and polls), and they share nothing.
describe.concurrent('the job engine across processes', () => {
  it('kill -9 with jobs pending, restart: every job still fires, exactly once (embedded store, scheduled through the bot\'s socket)', { timeout: 180_000 }, async (context) => {
    const { expect } = context;
    const cleanups = cleanupsOf(context);
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-jobs-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    seedDataDir(dataDir); // migrated, as after a first start (localMode.test's subject): the kill is the subject here
    const env = { DATA_DIR: dataDir, JOB_POLL_SECONDS: '1' };

    const first = new JobWorker(env);
    cleanups.push(() => first.stop());
    await first.whenReady();
    let cli = await cliDesk(env, cleanups);
    for (const key of keys('early', 5)) await cli.jobs.schedule(recordJob, { key }, { key });
    await vi.waitFor(async () => expect(await completed(cli)).toBe(5), { timeout: 60_000, interval: 250 });

    const runAt = new Date(Date.now() + 6_000);
    for (const key of keys('late', 10)) await cli.jobs.schedule(recordJob, { key }, { key, runAt });
    await cli.close();
    first.kill9();
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = new JobWorker(env);
    cleanups.push(() => second.stop());
    await second.whenReady();
    cli = await cliDesk(env, cleanups);
    await vi.waitFor(async () => expect(await completed(cli)).toBe(15), { timeout: 60_000, interval: 250 });
    await sleep(3_000); // three polls more: nothing runs again

    const rows = await runs(cli);
    expect(timesEach(rows)).toEqual(once([...keys('early', 5), ...keys('late', 10)]));
    const late = rows.filter((r) => r.key.startsWith('late-'));
    expect(new Set(late.map((r) => r.pid))).toEqual(new Set([second.pid]));
    for (const r of late) expect(r.at.getTime()).toBeGreaterThanOrEqual(runAt.getTime());
    expect(rows.filter((r) => r.key.startsWith('early-')).every((r) => r.pid === first.pid)).toBe(true);
  });

  it('three instances on one PostgreSQL: each job runs once', { timeout: 180_000 }, async (context) => {
    const { expect } = context;
    const cleanups = cleanupsOf(context);
    const database = await createScratchDatabase('sd_jobs');
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, JOB_POLL_SECONDS: '1' };

    const workers = [new JobWorker(env), new JobWorker(env), new JobWorker(env)];
    for (const w of workers) cleanups.push(() => w.stop());
    await Promise.all(workers.map((w) => w.whenReady())); // all three installed pg-boss's schema at once

    const cli = await cliDesk(env, cleanups);
    const runAt = new Date(Date.now() + 3_000); // due while all three are polling
    const all = keys('job', 60);
    for (const key of all) await cli.jobs.schedule(recordJob, { key }, { key, runAt });
    await vi.waitFor(async () => expect(await completed(cli)).toBe(all.length), { timeout: 120_000, interval: 250 });
    await sleep(3_000); // three polls more: nothing runs again

    const rows = await runs(cli);
    expect(timesEach(rows)).toEqual(once(all));
    const pids = new Set(rows.map((r) => r.pid));
    for (const pid of pids) expect(workers.map((w) => w.pid)).toContain(pid);
    expect(pids.size).toBeGreaterThan(1); // shared out, not one instance doing it all
  });
});
