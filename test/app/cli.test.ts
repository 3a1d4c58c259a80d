import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../app/cli.js';
import { openDb } from '../../scheduling/adapters/pg/openDb.js';
import type { Db } from '../../scheduling/adapters/pg/Db.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

/** Runs the CLI in-process and captures what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(argv, env);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Row counts, read through `db`. */
async function rows(db: Db, ...tables: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const table of tables) counts.push((await db.query(`select count(*)::int as n from ${table}`)).rows[0]!.n as number);
  return counts;
}

const validBook = ['book', '--n-numbers', 'N146782', '--surnames', 'Bond', '--manager-name', 'A. Jones', '--manager-role', 'TM', '--manager-phone', '01604 123456', '--referred', '2026-11-20T09:00Z'];

beforeAll(async () => {
  expect((await cli('calendar', '--week', '2026-11-23')).code).toBe(0); // creates and migrates the store
}, 60_000);
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cli slot', () => {
  it('prints one JSON line per referral, in order, for the slot the rota gives', async () => {
    const { code, out } = await cli('slot', '--json', '--referred', '2026-11-27T16:30', '--referred', '2026-03-27T09:00', '--at-referral');
    expect(code).toBe(0);
    const [a, b] = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(a).toEqual({ referredAt: '2026-11-27T16:30:00+00:00', referralDay: '2026-11-30', conferenceDay: '2026-12-02', start: '2026-12-02T10:00:00+00:00', end: '2026-12-02T10:15:00+00:00' });
    expect(b).toEqual({ referredAt: '2026-03-27T09:00:00+00:00', referralDay: '2026-03-27', conferenceDay: '2026-03-30', start: '2026-03-30T10:00:00+01:00', end: '2026-03-30T10:15:00+01:00' });
  });

  it('answers a longer slot with 30 minutes', async () => {
    const { out } = await cli('slot', '--json', '--referred', '2026-11-23T09:00', '--now', '2026-11-23T09:00', '--longer');
    expect(JSON.parse(out).end).toBe('2026-11-25T10:30:00+00:00');
  });
});

describe('cli bad input', () => {
  // As while the bot runs: the store is open here and served on DATA_DIR's socket, which the CLI
  // and the row counts reach without starting PGlite again (three starts a case otherwise). The
  // CLI opening DATA_DIR itself is the other tests' subject.
  let store: Db;
  beforeAll(async () => {
    store = await openDb({ dataDir, serve: true });
  });
  afterAll(async () => {
    await store.close();
  });

  it.each([
    [['slot', '--json'], /^slot: --referred <ISO 8601> is required$/],
    [['slot', '--referred', 'tuesday'], /^slot: --referred "tuesday" is not an ISO 8601 date and time/],
    [['slot', '--referred', '2026-11-24T10:00Z', '--now', '2026-11-23T10:00Z'], /^slot: --referred 2026-11-24T10:00Z is after --now$/],
    [['slot', '--referred', '2026-11-23T10:00Z', '--now', '2026-11-23T10:00Z', '--at-referral'], /^slot: give --now or --at-referral, not both$/],
    [['slot', '--referred', '2026-11-23T10:00Z', '--colour'], /^slot: Unknown option '--colour'/],
    [['book', ...validBook.slice(1).map((a) => (a === 'N146782' ? 'N14' : a))], /^book: --n-numbers \(nNumbers\): "N14" is not an N number/],
    [['book', ...validBook.slice(1).map((a) => (a === 'TM' ? 'Boss' : a))], /^book: --manager-role \(managerRole\): Choose Team Manager/],
    [['book', ...validBook.slice(1).map((a) => (a === '01604 123456' ? 'ring me' : a))], /^book: --manager-phone \(managerPhone\)/],
    [['book', ...validBook.slice(1), '--urgent', 'flood'], /^book: --urgent \(urgent\): "flood" is not an urgent criterion/],
    [['book', ...validBook.slice(1), '--invitees', 'nurse@'], /^book: --invitees \(invitees\): "nurse@" is not an email address/],
    [['book', ...validBook.slice(1).map((a) => (a === '2026-11-20T09:00Z' ? '2099-01-01T09:00Z' : a))], /^book: --referred \(referredAt\): The referral time is in the future/],
    [['calendar', '--week', '23/11/2026'], /^calendar: --week <YYYY-MM-DD> is required$/],
    [['calendar', '--add', '--start', '2026-11-25T10:00Z', '--end', '2026-11-25T09:00Z'], /^calendar: --end must be after --start$/],
    [['cancel'], /^cancel: --booking <booking id> is required$/],
    [['frobnicate'], /^usage: cli </],
  ])('%j exits 2 with one line naming the field and stores nothing', async (argv, message) => {
    const before = await rows(store, 'requests', 'bookings', 'local_calendar_events');
    const { code, err, out } = await cli(...(argv as string[]));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
    expect(await rows(store, 'requests', 'bookings', 'local_calendar_events')).toEqual(before);
  });

  it('names a bad environment variable and exits 2', async () => {
    const { code, err } = await (async () => {
      let err = '';
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
      const code = await main(['slot', '--referred', '2026-11-23T10:00Z'], { ...env, N_NUMBER_PATTERN: '(' });
      e.mockRestore();
      return { code, err };
    })();
    expect(code).toBe(2);
    expect(err).toMatch(/^config: N_NUMBER_PATTERN is not a valid regular expression/);
  });
});

describe('cli book, calendar and cancel', () => {
  it('books, lists the week with the slot taken, adds a hand-made event, and cancels', async () => {
    const booked = await cli(...validBook, '--key', 'cli-test-1', '--json');
    expect(booked.code).toBe(0);
    const b = JSON.parse(booked.out);
    expect(b).toMatchObject({ route: 'rota', status: 'booked', replayed: false });
    const again = JSON.parse((await cli(...validBook, '--key', 'cli-test-1', '--json')).out);
    expect(again).toMatchObject({ bookingId: b.bookingId, replayed: true });

    const added = await cli('calendar', '--add', '--start', b.end, '--end', new Date(new Date(b.end).getTime() + 15 * 60_000).toISOString(), '--subject', 'Typed in Outlook');
    expect(added.code).toBe(0);
    const week = (await cli('calendar', '--week', b.start.slice(0, 10), '--json')).out.trim().split('\n').map((l) => JSON.parse(l));
    const cells = week.filter((r) => r.start);
    expect(cells.find((r) => r.start === b.start)).toMatchObject({ status: 'booked', nNumbers: ['N146782'] });
    expect(cells.find((r) => r.start === b.end)).toMatchObject({ status: 'taken (event added by hand)' });
    expect(JSON.stringify(week)).not.toContain('Bond');

    expect((await cli('cancel', '--booking', b.bookingId)).code).toBe(0);
    const after = (await cli('calendar', '--week', b.start.slice(0, 10), '--json')).out.trim().split('\n').map((l) => JSON.parse(l));
    expect(after.find((r) => r.start === b.start)).toMatchObject({ status: 'free' });
  });

  it('runs as `npm run --silent slot` with a non-zero exit and one line on bad input', async () => {
    const ok = await run('npm', ['run', '--silent', 'slot', '--', '--json', '--referred', '2026-11-24T15:59:59', '--at-referral'], { env: { ...process.env, ...env } });
    expect(JSON.parse(ok.stdout).start).toBe('2026-11-25T10:00:00+00:00');
    const bad = await run('npm', ['run', '--silent', 'slot', '--', '--json', '--referred', 'soon'], { env: { ...process.env, ...env } }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^slot: --referred "soon" is not an ISO 8601 date and time/);
  }, 60_000);
});
