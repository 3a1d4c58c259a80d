/**
 * `npm run bench:bookings`: books slots through the real booking service, the real Graph client and
 * credential against the loopback fake Graph, on the embedded store (or PostgreSQL with
 * --database-url), and prints per-booking latency and Graph round trips; then the cost of one
 * calendar poll (the `calendar.poll` job that follows the police's replies) with every one of
 * those bookings ahead.
 *
 *   npm run bench:bookings -- [--bookings 500] [--history 10000] [--latency-ms 0] [--database-url URL]
 *
 * It runs the same bookings twice: on an empty calendar, and on one that already holds
 * `--history` past events, to show the cost does not grow with calendar history. `--latency-ms`
 * delays every fake Graph answer (real Graph: typically 100-300 ms a call).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../app/config.js';
import { openDesk } from '../app/openDesk.js';
import { overlaps } from '../scheduling/rules/Interval.js';
import { londonDateOf } from '../scheduling/rules/londonTime.js';
import { replyJobs } from '../scheduling/services/ReplyTracker.js';
import { ensureFakeGraphCert } from '../test/fakes/graph/fakeGraphCert.js';
import { FakeGraph } from '../test/fakes/graph/FakeGraph.js';
import { graphEnv, testMailbox } from '../test/scale/graphEnv.js';

const { caFile } = await ensureFakeGraphCert();
if (process.env.NODE_EXTRA_CA_CERTS !== caFile) {
  // Node reads extra CA certificates only at start-up: run again trusting the fake Graph's CA.
  const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
  process.exit(again.status ?? 1);
}

const { values } = parseArgs({
  options: {
    bookings: { type: 'string', default: '500' },
    history: { type: 'string', default: '10000' },
    'latency-ms': { type: 'string', default: '0' },
    'database-url': { type: 'string' },
  },
});
const bookings = Number(values.bookings);
const history = Number(values.history);
const latencyMs = Number(values['latency-ms']);

const HOUR = 3_600_000;
/** Referrals arrive every 10.5 hours (16 a week; the rota has 18 slots a week), from Monday 4 January 2027. */
const firstReferral = new Date('2027-01-04T08:00:00Z').getTime();
const referralGap = 10.5 * HOUR;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  readonly scenario: string;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly calendarView: number;
  readonly createEvent: number;
  readonly sendMail: number;
  readonly other: number;
  readonly polls: readonly PollCost[];
}

/** One calendar poll: its Graph calls and its time, for `bookings` future bookings on `days` days. */
interface PollCost {
  readonly poll: string;
  readonly bookings: number;
  readonly days: number;
  readonly ms: number;
  readonly calendarView: number;
  readonly other: number;
}

type OpenedDesk = Awaited<ReturnType<typeof openDesk>>;

/**
 * Runs the `calendar.poll` job as the engine would, twice, with the clock set before every booked
 * slot (so all of them are ahead): the first poll records every booking's attendees and schedules
 * its reminder; the second is a steady-state poll where nothing changed. Each costs one
 * `calendarView` per day holding bookings, not one call per booking: checked, not assumed.
 */
async function pollCosts(desk: OpenedDesk, fake: FakeGraph, slots: ReadonlyArray<{ start: Date }>, setNow: (at: Date) => void): Promise<PollCost[]> {
  setNow(new Date(Math.min(...slots.map((s) => s.start.getTime())) - HOUR));
  const days = new Set(slots.map((s) => londonDateOf(s.start))).size;
  const poll = desk.jobHandlers[replyJobs.poll];
  if (!poll) throw new Error(`no ${replyJobs.poll} job handler is registered`);
  const costs: PollCost[] = [];
  for (const name of ['first poll', 'next poll']) {
    fake.resetCounts();
    const started = performance.now();
    await poll({});
    const ms = performance.now() - started;
    const counts = { ...fake.counts };
    if (counts.calendarView !== days) throw new Error(`${name}: ${counts.calendarView} calendarView calls for ${days} days holding bookings`);
    costs.push({ poll: name, bookings: slots.length, days, ms, calendarView: counts.calendarView, other: counts.total - counts.calendarView });
  }
  return costs;
}

async function run(scenario: string, pastEvents: number): Promise<Row> {
  const fake = await new FakeGraph({ mailbox: testMailbox, settings: { latencyMs } }).start();
  const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-'));
  let now = new Date(firstReferral);
  try {
    // Past events spread over the five years before the bookings.
    const historyStart = new Date('2022-01-03T09:00:00Z').getTime();
    const span = firstReferral - historyStart - HOUR;
    for (let i = 0; i < pastEvents; i++) {
      const start = new Date(historyStart + Math.floor((span * i) / Math.max(1, pastEvents)));
      fake.addEvent({ subject: `Past meeting ${i}`, start, end: new Date(start.getTime() + 15 * 60_000) });
    }
    const env = { ...graphEnv(fake), LOG_LEVEL: 'silent', ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : { DATA_DIR: dataDir }) };
    const desk = await openDesk(loadConfig(env), { clock: { now: () => new Date(now) }, log: pino({ level: 'silent' }) });
    // Warm up: the token, the connection pool and the JIT; not counted.
    now = new Date(firstReferral - 200 * HOUR);
    await desk.intake.submit(request(new Date(now.getTime() - 60_000), 0), actor, `${scenario}-warm-up`);
    fake.resetCounts();

    const times: number[] = [];
    const slots: Array<{ start: Date; end: Date }> = [];
    for (let i = 1; i <= bookings; i++) {
      now = new Date(firstReferral + (i - 1) * referralGap);
      const started = performance.now();
      const outcome = await desk.intake.submit(request(new Date(now.getTime() - 60_000), i), actor, `${scenario}-${i}`);
      times.push(performance.now() - started);
      if (outcome.route !== 'rota' || outcome.booking.status !== 'booked') throw new Error(`booking ${i} did not complete`);
      slots.push(outcome.booking);
    }
    const counts = { ...fake.counts };
    const polls = await pollCosts(desk, fake, slots, (at) => (now = at));
    await desk.close();
    slots.sort((a, b) => a.start.getTime() - b.start.getTime());
    for (let i = 1; i < slots.length; i++) if (overlaps(slots[i - 1]!, slots[i]!)) throw new Error('two bookings overlap');
    times.sort((a, b) => a - b);
    const per = (n: number) => n / bookings;
    return {
      scenario,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1]!,
      calendarView: per(counts.calendarView),
      createEvent: per(counts.createEvent),
      sendMail: per(counts.sendMail),
      other: per(counts.total - counts.calendarView - counts.createEvent - counts.sendMail),
      polls,
    };
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const actor = { id: 'bench', name: 'Benchmark' };
function request(referredAt: Date, i: number) {
  return {
    nNumbers: `N${String(100000 + i).slice(-6)}`,
    childSurnames: 'Benchmark',
    managerName: 'A. Jones',
    managerRole: 'TM',
    managerPhone: '01604 123456',
    referredAt: referredAt.toISOString(),
    urgent: '',
    longerSlot: 'false',
    invitees: 'nurse@health.example.org',
  };
}

const store = values['database-url'] ? 'PostgreSQL' : 'embedded PGlite (on disk)';
console.log(`Strategy Desk bench: ${bookings} bookings, one at a time, ${store}, fake Graph latency ${latencyMs} ms, Node ${process.version}`);
const rows = [await run('empty calendar', 0), await run(`${history} past events`, history)];
const f = (n: number) => n.toFixed(1).padStart(7);
const g = (n: number) => n.toFixed(2).padStart(6);
console.log('scenario                 p50 ms  p95 ms  max ms  Graph calls per booking: calendarView create sendMail other  critical path');
for (const r of rows) console.log(`${r.scenario.padEnd(22)} ${f(r.p50)} ${f(r.p95)} ${f(r.max)}                          ${g(r.calendarView)} ${g(r.createEvent)}   ${g(r.sendMail)} ${g(r.other)}         ${g(r.calendarView + r.createEvent)}`);
console.log('Critical path per booking = calendarView + create; sendMail is the police email, sent once per booking.');
console.log('');
console.log('Calendar poll (job calendar.poll, every CALENDAR_POLL_SECONDS), every booking above still ahead:');
console.log('scenario               poll        bookings  days   poll ms  Graph calls: calendarView other  per booking');
for (const r of rows) {
  for (const p of r.polls) {
    console.log(`${r.scenario.padEnd(22)} ${p.poll.padEnd(10)} ${String(p.bookings).padStart(9)} ${String(p.days).padStart(5)} ${f(p.ms).padStart(9)}                ${String(p.calendarView).padStart(6)} ${String(p.other).padStart(5)}  ${g((p.calendarView + p.other) / p.bookings).padStart(11)}`);
  }
}
console.log('A poll reads the calendar once per day holding bookings (calendarView = days), never once per booking.');
