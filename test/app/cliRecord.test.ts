import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../app/cli.js';
import { loadConfig } from '../../app/config.js';
import { openDesk } from '../../app/openDesk.js';
import { ManualClock } from '../fakes/ManualClock.js';
import { ManualJobs } from '../fakes/ManualJobs.js';
import { RecordingDocuments } from '../fakes/RecordingDocuments.js';
import { seedDataDir } from '../fakes/testDb.js';
import { docxPart } from '../docx/readDocx.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sd-cli-record-'));
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

const operator = { kind: 'operator' } as const;
const op = { id: 'cli:test', name: 'test (command line)' };

beforeAll(async () => {
  seedDataDir(dataDir);
  const booked = await cli('book', '--n-numbers', 'N146782', '--surnames', 'Zanzibarova', '--manager-name', 'A. Jones', '--manager-role', 'TM', '--manager-phone', '01604 123456', '--referred', '2026-11-20T09:00Z', '--json');
  expect(booked.code, booked.err).toBe(0);
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const desk = await openDesk(loadConfig(env), { clock, jobs: new ManualJobs(clock), documents: new RecordingDocuments() });
  try {
    const requestId = JSON.parse(booked.out).requestId as string;
    const opened = await desk.openPlan(requestId, op, operator);
    await desk.changePlan(opened.view.plan.id, 1, { verb: 'plan.action.add', actionText: 'ABE interview', actionDue: '2026-11-27' }, op, operator);
  } finally {
    await desk.close();
  }
}, 120_000);
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cli record', () => {
  it('prints the discussion record of a case as JSON, times in UK time', async () => {
    const { code, out, err } = await cli('record', '--case', 'N146782', '--json');
    expect(code, err).toBe(0);
    const printed = JSON.parse(out);
    expect(printed.plan).toMatchObject({ nNumbers: ['N146782'], version: 2, state: 'open', meeting: { start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[01]:00$/), venue: 'dial-in' }, actions: [{ text: 'ABE interview', due: '2026-11-27' }] });
    expect(printed.plan.children).toMatchObject([{ name: 'Zanzibarova', nNumber: 'N146782' }]);
    expect(printed.quorum).toMatchObject({ quorate: false, healthMissing: true });
    expect(printed.finaliseProblems.map((p: { kind: string }) => p.kind)).toEqual(['action.owner-missing', 'quorum.reason-missing']);
  });

  it('prints a short summary without --json', async () => {
    const { code, out } = await cli('record', '--case', 'n146782');
    expect(code).toBe(0);
    expect(out).toMatch(/^Discussion .+ for N146782: open, version 2\n/);
    expect(out).toContain('To finalise: The action "ABE interview" has no owner.');
  });

  it.each([
    [['record'], 'record: --case <N number> is required'],
    [['record', '--case', 'N1 2'], 'record: --case must be an N number such as N146782'],
    [['record', '--case', 'N999999'], 'record: --case N999999 has no discussion record'],
    [['record', '--case', 'N146782', '--kind', 'minutes'], 'record: --kind must be record or summary'],
    [['record', '--case', 'N146782', '--docx', ' '], 'record: --docx needs a file path'],
    [['record', '--case', 'N146782', '--format', 'x'], "record: Unknown option '--format'"],
  ])('refuses %j with exit code 2 and one line', async (argv, line) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${line}\n`);
  });

  it('writes the Word record with --docx, the case named by N number', async () => {
    const { code, err } = await cli('record', '--case', 'N146782', '--docx', join(dataDir, 'record.docx'));
    expect(err).toBe('');
    expect(code).toBe(0);
    const xml = docxPart(readFileSync(join(dataDir, 'record.docx')), 'word/document.xml');
    expect(xml).toContain('N146782');
  });
});
