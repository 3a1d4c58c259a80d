/**
 * One PGlite DATA_DIR, several processes: the bot serves its store to the CLI, a second opener
 * is refused, and a bot killed with -9 does not lock the folder for good. Real processes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatSlotInWords } from '../../../../scheduling/rules/formatUkDateTime.js';
import { BotProcess, runCli } from '../../../bot/deskProcesses.js';
import { cardIn, LoopbackConnector } from '../../../bot/LoopbackConnector.js';
import { teamsMessage } from '../../../bot/teamsActivities.js';
import { seedDataDir } from '../../../fakes/testDb.js';

/** The CLI's actor is `cli:<USER>`; a Teams user with that id asks the bot for *their* bookings. */
const cliUser = 'sd-shared-test';
const asCliUser = { id: `cli:${cliUser}`, name: 'Command line user' };

const book = (nNumber: string) => [
  'book', '--json', '--n-numbers', nNumber, '--surnames', 'Bond', '--manager-name', 'A. Jones', '--manager-role', 'TM', '--manager-phone', '01604 123456',
];

let connector: LoopbackConnector;
const bots: BotProcess[] = [];
const dirs: string[] = [];

/**
 * A DATA_DIR path in a new folder: missing, or with `seeded` a migrated store as a bot leaves
 * it after its first start (see `seedDataDir`: first starts are localMode.test's subject).
 */
function newDataDir({ seeded = false } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-shared-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  if (seeded) seedDataDir(dataDir);
  return dataDir;
}

async function startBot(dataDir: string): Promise<BotProcess> {
  const bot = await BotProcess.spawn(dataDir);
  bots.push(bot);
  return bot;
}

/** Asks the bot, over HTTP, for `my bookings` of the CLI's actor; resolves with the card's text. */
async function myBookingsAsCliUser(bot: BotProcess, conversationId: string): Promise<string> {
  const before = connector.posted().length;
  const message = { ...teamsMessage('my bookings', { serviceUrl: connector.url, conversationId }), from: asCliUser };
  expect(await bot.post(message)).toBe(200);
  const reply = await connector.waitFor((call) => call.conversationId === conversationId && connector.posted().indexOf(call) >= before);
  return JSON.stringify(cardIn(reply.body));
}

/** Rows in a table, read with PGlite directly: the folder must open cleanly once everyone is gone. */
async function countRows(dataDir: string, table: string): Promise<number> {
  const pg = new PGlite(dataDir);
  try {
    return (await pg.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
  } finally {
    await pg.close();
  }
}

beforeAll(async () => {
  connector = await LoopbackConnector.start();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop()));
});
afterAll(async () => {
  await connector?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('one DATA_DIR shared by the bot and the CLI', () => {
  it('books through the running bot: the bot lists the booking the CLI made, and the folder opens cleanly afterwards', async () => {
    const dataDir = newDataDir({ seeded: true });
    const bot = await startBot(dataDir);
    await bot.listening();

    const booked = await runCli(dataDir, book('N246801'), { USER: cliUser });
    expect(booked.stderr).toBe('');
    expect(booked.code).toBe(0);
    const line = JSON.parse(booked.stdout) as { route: string; start: string; end: string };
    expect(line.route).toBe('rota');

    const text = await myBookingsAsCliUser(bot, 'a:shared-personal-1');
    expect(text).toContain('N246801');
    expect(text).toContain(formatSlotInWords({ start: new Date(line.start), end: new Date(line.end) }));

    expect(await bot.stop()).toBe(0);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('.s.PGSQL') || f.endsWith('.lock'))).toEqual([]);
    expect(await countRows(dataDir, 'bookings')).toBe(1);
    expect(await countRows(dataDir, 'requests')).toBe(1);
  }, 120_000);

  it('refuses a second bot on the same DATA_DIR with one line and a non-zero exit, and the first keeps working', async () => {
    const dataDir = newDataDir({ seeded: true });
    const first = await startBot(dataDir);
    await first.listening();

    const second = await startBot(dataDir);
    const outcome = await Promise.race([second.exited.then(() => 'exited'), second.listening().then(() => 'listening', () => 'exited')]);
    expect(outcome).toBe('exited');
    expect(await second.exited).not.toBe(0);
    const said = second.output.filter((line) => line.trim());
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`DATA_DIR ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another Strategy Desk process \\(pid ${first.pid}\\)`));

    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    const booked = await runCli(dataDir, book('N246802'), { USER: cliUser });
    expect(booked.code).toBe(0);
    expect(await myBookingsAsCliUser(first, 'a:shared-personal-2')).toContain('N246802');
  }, 120_000);

  it('refuses the CLI with one line, touching nothing, when the DATA_DIR is held by a live process whose socket does not answer', async () => {
    const dataDir = newDataDir();
    mkdirSync(dataDir);
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); // e.g. a bot still starting up
    try {
      writeFileSync(join(dataDir, 'strategy-desk.lock'), `${holder.pid}\nheld-by-hand\n`);
      const refused = await runCli(dataDir, book('N246805'), { USER: cliUser });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toEqual([
        `book: DATA_DIR ${dataDir} is in use by another Strategy Desk process (pid ${holder.pid}); nothing answers on its store socket: try again in a moment (a bot may be starting up, or another command running), else stop that process`,
      ]);
      expect(readdirSync(dataDir)).toEqual(['strategy-desk.lock']);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 60_000);

  it('starts a new bot on a DATA_DIR whose bot was killed with -9, and serves the CLI again', async () => {
    const dataDir = newDataDir({ seeded: true });
    const killed = await startBot(dataDir);
    await killed.listening();
    expect((await runCli(dataDir, book('N246803'), { USER: cliUser })).code).toBe(0);
    await killed.kill9();
    expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(true); // the dead bot's socket is left behind

    const next = await startBot(dataDir);
    await next.listening();
    expect((await runCli(dataDir, book('N246804'), { USER: cliUser })).code).toBe(0);
    const text = await myBookingsAsCliUser(next, 'a:shared-personal-3');
    expect(text).toContain('N246803');
    expect(text).toContain('N246804');
    expect(await next.stop()).toBe(0);
    expect(await countRows(dataDir, 'bookings')).toBe(2);
  }, 120_000);
});
