import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../app/cli.js';
import { loadConfig } from '../../app/config.js';
import { openDesk, systemClock, type OpenDesk } from '../../app/openDesk.js';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { openDb } from '../../scheduling/adapters/pg/openDb.js';
import { RecordingNotifier } from '../fakes/RecordingNotifier.js';
import { seedDataDir } from '../fakes/testDb.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sd-cli-hand-'));
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

/** Runs the CLI in-process and captures what it prints. */
async function cli(argv: string[], withEnv: NodeJS.ProcessEnv = env): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(argv, withEnv);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Opens the same store as the CLI (through its socket, as the CLI does), with a recording notifier. */
async function desk(): Promise<OpenDesk & { told: RecordingNotifier }> {
  const told = new RecordingNotifier();
  const jobs = { schedule: async () => {}, cancel: async () => {} };
  return Object.assign(await openDesk(loadConfig(env), { clock: systemClock, notifier: told, jobs }), { told });
}

let nNumber = 100000;
async function book(): Promise<{ bookingId: string; nNumber: string; start: string }> {
  const n = `N${++nNumber}`;
  const booked = await cli(['book', '--n-numbers', n, '--surnames', 'Bond', '--manager-name', 'A. Jones', '--manager-role', 'TM', '--manager-phone', '01604 123456', '--json']);
  expect(booked.code).toBe(0);
  const b = JSON.parse(booked.out);
  return { bookingId: b.bookingId, nNumber: n, start: b.start };
}

// A person at a terminal while the bot runs: the store (migrated, as after a first start, which is
// cli.test.ts's subject) is held open here and served on DATA_DIR's socket, as the bot serves it,
// and every CLI run and desk below goes through that socket (rather than starting PGlite again).
vi.setConfig({ testTimeout: 120_000 });
let served: Db | undefined;
beforeAll(async () => {
  seedDataDir(dataDir);
  served = await openDb({ dataDir, serve: true });
}, 120_000);
afterAll(async () => {
  await served?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

describe('cli calendar: Outlook played on the local calendar', () => {
  it('--respond: the police referral unit accepts a booking named by its N number', async () => {
    const { bookingId, nNumber: n } = await book();
    const answered = await cli(['calendar', '--respond', n, '--attendee', 'police.referral.unit@example.org', '--response', 'accepted']);
    expect(answered).toMatchObject({ code: 0, err: '' });
    expect(answered.out).toBe(`police.referral.unit@example.org answered accepted for booking ${bookingId}\n`);
    const d = await desk();
    try {
      const report = await d.replies.sync();
      expect(report.answered).toContain(bookingId);
      const booking = await d.stores.slots.getBooking(bookingId);
      const seen = await d.stores.replies.lastSeen(bookingId);
      expect(seen?.attendees.find((a) => a.address === 'police.referral.unit@example.org')?.response).toBe('accepted');
      expect(booking?.status).toBe('booked');
    } finally {
      await d.close();
    }
  });

  it('--respond --name: a DS the invite was forwarded to accepts, and is added to the event', async () => {
    const { bookingId } = await book();
    const answered = await cli(['calendar', '--respond', bookingId, '--attendee', 'ds.smith@police.example.org', '--name', 'DS Smith', '--response', 'tentative', '--json']);
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.out)).toMatchObject({ bookingId, attendee: 'ds.smith@police.example.org', response: 'tentativelyAccepted' });
    const d = await desk();
    try {
      const event = await d.calendar.getEvent((await d.stores.slots.getBooking(bookingId))!.eventId!);
      expect(event?.attendees.at(-1)).toMatchObject({ address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'tentativelyAccepted' });
    } finally {
      await d.close();
    }
  });

  it('--move and --delete: a person edits the event by hand, and the desk follows on its next read', async () => {
    const { bookingId, start } = await book();
    const to = new Date(new Date(start).getTime() + 60 * 60_000);
    const moved = await cli(['calendar', '--move', bookingId, '--to', to.toISOString(), '--minutes', '30', '--json']);
    expect(moved.code).toBe(0);
    expect(new Date(JSON.parse(moved.out).end).getTime() - to.getTime()).toBe(30 * 60_000);
    let d = await desk();
    try {
      expect((await d.replies.sync()).moved).toContain(bookingId);
      expect((await d.stores.slots.getBooking(bookingId))?.start).toEqual(to);
    } finally {
      await d.close();
    }
    expect((await cli(['calendar', '--delete', bookingId])).out).toBe(`Deleted the event of booking ${bookingId}\n`);
    d = await desk();
    try {
      expect((await d.replies.sync()).deleted).toContain(bookingId);
      expect((await d.stores.slots.getBooking(bookingId))?.status).toBe('cancelled');
    } finally {
      await d.close();
    }
  });

  it.each([
    [['calendar', '--respond', 'N146782', '--response', 'accepted'], 2, /^calendar: --respond needs --attendee <email address>$/],
    [['calendar', '--respond', 'N146782', '--attendee', 'ds@police.example.org', '--response', 'maybe'], 2, /^calendar: --response must be accepted, declined or tentative$/],
    [['calendar', '--move', 'N146782'], 2, /^calendar: --move needs --to <yyyy-mm-ddThh:mm> \(UK time\)$/],
    [['calendar', '--move', 'N146782', '--to', '2026-11-25T10:00', '--minutes', '0'], 2, /^calendar: --minutes must be a whole number from 1 to 480, not "0"$/],
    [['calendar', '--delete', 'N999999', '--week', '2026-11-23'], 2, /^calendar: give one of --week, --add, --respond, --move or --delete$/],
    [['calendar', '--delete', 'N999999'], 1, /^calendar: booking N999999 not found$/],
  ])('refuses %j with exit %i and one line', async (argv, code, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(code);
    expect(result.err.trim()).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to play Outlook when the calendar is Microsoft Graph, in one line', async () => {
    const graph = { ...env, CALENDAR_BACKEND: 'graph', ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'https://127.0.0.1:9/v1.0' };
    const result = await cli(['calendar', '--delete', 'N146782'], graph);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^calendar: the calendar is Microsoft Graph \(CALENDAR_BACKEND=graph\): answer, move or delete the event in Outlook/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });
});
