/**
 * `npm run bench`: Strategy Desk's own cost next to a bare botbuilder bot (scripts/echoBot.ts,
 * same restify + CloudAdapter set-up), measured side by side in one run, each in its own node
 * process started the way `npm start` starts the bot:
 *
 * - message turns: autocannon posts `help` messages (16 connections, local mode) to each bot in
 *   alternating rounds; every reply goes to a loopback connector in this process. Turns per
 *   second, latency p50/p95/p99 (every response's time, not a histogram's estimate);
 * - peak RSS: VmHWM from /proc/<pid>/status of each bot's node process after its rounds;
 * - start-up: from spawn to the first 200 on /healthz (the desk on a DATA_DIR that was already
 *   initialised, as every start after the first; the first start is printed too);
 * - Strategy Desk on the embedded default (PGlite in DATA_DIR) and on PostgreSQL (DATABASE_URL, a
 *   database of its own created and dropped here);
 * - booking invokes: `strategy.request` card actions, one at a time, to a desk on the fake Graph
 *   (this process) answering each call after `--latency-ms`: p50/p95/p99, Graph calls made before
 *   the card came back, and in all (the police email included) once the jobs have run.
 *
 *   npm run bench -- [--rounds 3] [--seconds 5] [--connections 16] [--bookings 60] [--latency-ms 100]
 *                    [--database-url postgres://postgres@127.0.0.1:5432/test] [--no-postgres] [--tsx]
 *
 * The bots run compiled JavaScript from dist/ (`npm run build`, run by `npm install`) when it is
 * there, else under tsx (`--tsx` forces that). Numbers swing with the machine's load: read the
 * ratios, measured in the same run, and the load average printed with them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ensureFakeGraphCert } from '../test/fakes/graph/fakeGraphCert.js';
import { FakeGraph } from '../test/fakes/graph/FakeGraph.js';
import { graphEnv, testMailbox } from '../test/scale/graphEnv.js';

const root = resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    bookings: { type: 'string', default: '60' },
    'latency-ms': { type: 'string', default: '100' },
    'database-url': { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'no-postgres': { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const bookings = Number(values.bookings);
const latencyMs = Number(values['latency-ms']);

// ---- how a bot process is started --------------------------------------------------------------

const compiled = !values.tsx && existsSync(join(root, 'dist', 'app', 'main.js')) && existsSync(join(root, 'dist', 'scripts', 'echoBot.js'));
const tsxLoader = import.meta.resolve('tsx');
function nodeArgs(entry: 'app/main' | 'scripts/echoBot'): string[] {
  return compiled ? [join(root, 'dist', `${entry}.js`)] : ['--import', tsxLoader, join(root, `${entry}.ts`)];
}

/** Only what node needs from this environment: no bot settings leak in. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ'];
  return Object.fromEntries(keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

interface BotProcess {
  readonly label: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Spawn to the first 200 on /healthz. */
  readonly startMs: number;
  /** CPU time (user + system) the process spent until then: steadier than wall time on a busy machine. */
  readonly startCpuMs: number;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function startBot(label: string, entry: 'app/main' | 'scripts/echoBot', env: Record<string, string>, cwd: string): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs(entry), { cwd, env: { ...baseEnv(), LOG_LEVEL: 'warn', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited before /healthz answered: ${stderr.slice(0, 2000)}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((done) => setTimeout(done, 10));
  }
  const startMs = performance.now() - started;
  const startCpuMs = cpuMsOf(child.pid!);
  return {
    label,
    url,
    child,
    startMs,
    startCpuMs,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      children.delete(child);
    },
  };
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, 100 ticks a second). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmHWM (peak resident set) and VmRSS of a process, in MB. */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

// ---- the loopback connector: where the bots' replies go ----------------------------------------

async function startConnector(): Promise<{ url: string; server: Server; posts: () => number }> {
  let posts = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${posts}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, posts: () => posts };
}

// ---- activities as Teams sends them --------------------------------------------------------------

const user = { id: '29:bench-user', name: 'Bench User', aadObjectId: 'aad-bench-user' };
function activity(serviceUrl: string, fields: Record<string, unknown>) {
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: user,
    recipient: { id: '28:strategy-desk-bot', name: 'Strategy Desk' },
    conversation: { id: 'a:bench-personal-conversation', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
    ...fields,
  };
}

// ---- message turns -------------------------------------------------------------------------------

interface Round {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
  readonly latencies: number[];
}

async function messageRound(bot: BotProcess, connectorUrl: string, durationSeconds: number): Promise<Round> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const run = autocannon({
    url: `${bot.url}/api/messages`,
    connections,
    duration: durationSeconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(activity(connectorUrl, { type: 'message', text: 'help', textFormat: 'plain' })) }) }],
  });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) latencies.push(ms);
    else failed++;
  });
  const result = await run;
  return { ok: latencies.length, failed: failed + result.errors + result.timeouts, seconds: (performance.now() - started) / 1000, latencies };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Measured {
  readonly label: string;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly failed: number;
  readonly idleMb: number;
  readonly peakMb: number;
  readonly startMs: number;
  readonly startCpuMs: number;
  readonly firstStartMs?: number;
}

// ---- booking invokes on the fake Graph -----------------------------------------------------------

interface BookingRun {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly callsBeforeCard: number;
  readonly callsInAll: number;
  readonly mailsSent: number;
  readonly mailsPendingOnCard: number;
}

async function bookingInvokes(connectorUrl: string): Promise<BookingRun> {
  const { caFile } = await ensureFakeGraphCert();
  const fake = await new FakeGraph({ mailbox: testMailbox, settings: { latencyMs } }).start();
  const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-graph-'));
  const bot = await startBot('Strategy Desk on the fake Graph', 'app/main', { ...graphEnv({ graphBaseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost, caFile }), DATA_DIR: dataDir }, dataDir);
  const graphCalls = () => {
    const c = fake.counts;
    return c.total - c.token;
  };
  const invoke = async (requestKey: string) => {
    const body = activity(connectorUrl, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: `card-${requestKey}`,
      value: {
        action: {
          type: 'Action.Execute',
          id: randomUUID(),
          verb: 'strategy.request',
          data: {
            requestKey,
            nNumbers: `N${String(100000 + Math.floor(Math.random() * 899999))}`,
            childSurnames: 'Benchmark',
            managerName: 'Bench User',
            managerRole: 'TM',
            managerPhone: '01604 123456',
            // Received five minutes ago, UK time (a fixed 09:00 is in the future before 09:00, and refused).
            referredDate: new Date(Date.now() - 5 * 60_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' }),
            referredTime: new Date(Date.now() - 5 * 60_000).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }),
            urgent: '',
            longerSlot: 'false',
            reason: 'Bench',
            invitees: 'nurse@health.example.org',
          },
        },
        trigger: 'manual',
      },
    });
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) }).catch((error: unknown) => {
      throw new Error(`the booking card did not come back within 30 s (did it wait for the police email, held at the fake Graph?): ${String(error)}`);
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`booking invoke answered ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };
  try {
    // Warm up (token, connections, JIT): not counted.
    const warm = await invoke(`warm-up-${randomUUID()}`);
    if (!warm.includes('booked')) throw new Error(`the warm-up booking did not come back booked: ${warm.slice(0, 300)}`);
    await waitFor(() => fake.counts.sendMail >= 1, 30_000);
    const times: number[] = [];
    let before = 0;
    let pendingOnCard = 0;
    const start = graphCalls();
    const mailsAtStart = fake.counts.sendMail;
    for (let i = 0; i < bookings; i++) {
      const calls = graphCalls();
      const mails = fake.counts.sendMail;
      // The police email is held at the fake Graph while the card is awaited: a card that waited
      // for it would never come back (the invoke times out saying so); the held call, answered
      // only after the card, is not counted before it.
      fake.hold('sendMail');
      const started = performance.now();
      const card = await invoke(`bench-${randomUUID()}`);
      times.push(performance.now() - started);
      before += graphCalls() - calls - (fake.counts.sendMail - mails);
      fake.release();
      if (!card.includes('Booked') && !card.includes('booked')) throw new Error(`booking ${i + 1} did not come back booked: ${card.slice(0, 300)}`);
      if (card.includes('Police email not sent yet')) pendingOnCard++;
      // The previous booking's police email may go while this one is being booked: wait for it,
      // so the calls counted before each card are that booking's own.
      await waitFor(() => fake.counts.sendMail >= mailsAtStart + i + 1, 30_000);
    }
    times.sort((a, b) => a - b);
    return {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      callsBeforeCard: before / bookings,
      callsInAll: (graphCalls() - start) / bookings,
      mailsSent: fake.counts.sendMail - mailsAtStart,
      mailsPendingOnCard: pendingOnCard,
    };
  } finally {
    await bot.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) throw new Error('timed out waiting for the police email');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// ---- the run ---------------------------------------------------------------------------------------

const connector = await startConnector();
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

const pgAdmin = values['no-postgres'] ? undefined : new pg.Client({ connectionString: values['database-url'] });
const benchDb = `strategy_desk_bench_${process.pid}`;
let benchDbUrl: string | undefined;
if (pgAdmin) {
  try {
    await pgAdmin.connect();
    await pgAdmin.query(`create database ${benchDb}`);
    const url = new URL(values['database-url']);
    url.pathname = `/${benchDb}`;
    benchDbUrl = url.toString();
  } catch (error) {
    console.log(`PostgreSQL not measured: ${(error as Error).message}`);
  }
}

try {
  console.log(
    `Strategy Desk bench: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, ` +
      `${compiled ? 'compiled JavaScript (dist/)' : 'TypeScript under tsx'}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  console.log(`Message turns: ${rounds} alternating rounds of ${seconds} s per bot, ${connections} connections, 'help' in a personal chat, local mode, loopback connector`);

  // Start-up: the echo bot; the desk's first start initialises DATA_DIR, the second is what every later start costs.
  const echo = await startBot('bare echo bot', 'scripts/echoBot', {}, tempDir('sd-bench-echo-'));
  const embeddedDir = tempDir('sd-bench-data-');
  const first = await startBot('Strategy Desk (embedded)', 'app/main', { DATA_DIR: embeddedDir }, embeddedDir);
  await first.stop();
  const embedded = await startBot('Strategy Desk (embedded)', 'app/main', { DATA_DIR: embeddedDir }, embeddedDir);
  let postgres: BotProcess | undefined;
  let postgresFirstMs: number | undefined;
  if (benchDbUrl) {
    const pgDir = tempDir('sd-bench-pg-');
    const firstPg = await startBot('Strategy Desk (PostgreSQL)', 'app/main', { DATABASE_URL: benchDbUrl }, pgDir);
    postgresFirstMs = firstPg.startMs;
    await firstPg.stop();
    postgres = await startBot('Strategy Desk (PostgreSQL)', 'app/main', { DATABASE_URL: benchDbUrl }, pgDir);
  }
  const bots = [echo, embedded, ...(postgres ? [postgres] : [])];
  const idle = new Map(bots.map((b) => [b, memoryOf(b.child.pid!).rssMb]));

  // Warm-up round for each (JIT, pools), then alternating measured rounds.
  for (const bot of bots) await messageRound(bot, connector.url, Math.min(2, seconds));
  const rows = new Map<BotProcess, Round[]>(bots.map((b) => [b, []]));
  for (let r = 0; r < rounds; r++) for (const bot of bots) rows.get(bot)!.push(await messageRound(bot, connector.url, seconds));

  const measured: Measured[] = bots.map((bot) => {
    const all = rows.get(bot)!;
    const latencies = all.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const ok = all.reduce((n, r) => n + r.ok, 0);
    const secs = all.reduce((n, r) => n + r.seconds, 0);
    return {
      label: bot.label,
      turnsPerSecond: ok / secs,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      failed: all.reduce((n, r) => n + r.failed, 0),
      idleMb: idle.get(bot)!,
      peakMb: memoryOf(bot.child.pid!).peakMb,
      startMs: bot.startMs,
      startCpuMs: bot.startCpuMs,
      ...(bot === embedded ? { firstStartMs: first.startMs } : bot === postgres && postgresFirstMs !== undefined ? { firstStartMs: postgresFirstMs } : {}),
    };
  });
  for (const bot of bots) await bot.stop();

  const base = measured[0]!;
  const n = (x: number, digits = 1) => x.toFixed(digits);
  console.log('');
  console.log('bot                          turns/s  (x echo)   p50 ms   p95 ms (x echo)   p99 ms  failed  idle RSS MB  peak RSS MB (x echo)  start to /healthz ms, CPU ms (first start ms)');
  for (const m of measured) {
    console.log(
      `${m.label.padEnd(28)} ${n(m.turnsPerSecond, 0).padStart(7)}  ${('(' + n(m.turnsPerSecond / base.turnsPerSecond, 2) + 'x)').padStart(8)} ${n(m.p50).padStart(8)} ${n(m.p95).padStart(8)} ${('(' + n(m.p95 / base.p95, 2) + 'x)').padStart(7)} ${n(m.p99).padStart(8)} ${String(m.failed).padStart(7)} ${n(m.idleMb, 0).padStart(12)} ${n(m.peakMb, 0).padStart(12)} ${('(' + n(m.peakMb / base.peakMb, 2) + 'x)').padStart(7)} ${n(m.startMs, 0).padStart(19)} ${n(m.startCpuMs, 0).padStart(6)}${m.firstStartMs !== undefined ? ` (${n(m.firstStartMs, 0)})` : ''}`,
    );
  }

  console.log('');
  console.log(`Booking invokes: ${bookings} 'strategy.request' card actions one at a time, fake Graph answering each call after ${latencyMs} ms, embedded store`);
  const booked = await bookingInvokes(connector.url);
  console.log(`p50 ${n(booked.p50, 0)} ms, p95 ${n(booked.p95, 0)} ms, p99 ${n(booked.p99, 0)} ms; Graph calls before the card ${n(booked.callsBeforeCard, 2)}, in all ${n(booked.callsInAll, 2)} per booking (police emails sent: ${booked.mailsSent}/${bookings}; cards saying the email is not sent yet: ${booked.mailsPendingOnCard})`);

  const embeddedRow = measured.find((m) => m.label.includes('embedded'))!;
  const postgresRow = measured.find((m) => m.label.includes('PostgreSQL'));
  const goal = (met: boolean, text: string) => console.log(`  ${met ? 'met    ' : 'NOT met'}  ${text}`);
  console.log('');
  console.log(`Goals (load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
  for (const m of [embeddedRow, ...(postgresRow ? [postgresRow] : [])]) {
    goal(m.turnsPerSecond >= 0.7 * base.turnsPerSecond, `${m.label}: turns >= 0.7x echo (${n(m.turnsPerSecond / base.turnsPerSecond, 2)}x)`);
    goal(m.p95 <= 2 * base.p95, `${m.label}: p95 <= 2x echo (${n(m.p95 / base.p95, 2)}x)`);
    goal(m.startMs < 2000, `${m.label}: start to /healthz < 2 s (${n(m.startMs / 1000, 2)} s)`);
  }
  goal(embeddedRow.peakMb <= 1.6 * base.peakMb, `peak RSS embedded <= 1.6x echo (${n(embeddedRow.peakMb / base.peakMb, 2)}x)`);
  if (postgresRow) goal(postgresRow.peakMb <= 1.3 * base.peakMb, `peak RSS with DATABASE_URL <= 1.3x echo (${n(postgresRow.peakMb / base.peakMb, 2)}x)`);
  goal(booked.p95 < 1000, `booking invoke p95 < 1 s at ${latencyMs} ms Graph latency (${n(booked.p95, 0)} ms)`);
  goal(booked.callsBeforeCard <= 2, `2 Graph calls before the card (${n(booked.callsBeforeCard, 2)})`);
} finally {
  for (const child of children) child.kill('SIGKILL');
  connector.server.closeAllConnections();
  connector.server.close();
  if (pgAdmin && benchDbUrl) await pgAdmin.query(`drop database if exists ${benchDb} with (force)`).catch(() => undefined);
  await pgAdmin?.end().catch(() => undefined);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
