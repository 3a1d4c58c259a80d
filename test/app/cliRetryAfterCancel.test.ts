import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../app/cli.js';
import { seedDataDir } from '../fakes/testDb.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sd-cli-retry-'));
seedDataDir(dataDir); // a migrated store, as after the CLI's first run (cli.test.ts starts from an empty one)
const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI in-process and captures what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv, env);
  vi.restoreAllMocks();
  return { code, out };
}

const book = ['book', '--n-numbers', 'N146782', '--surnames', 'Bond', '--manager-name', 'A. Jones', '--manager-role', 'TM', '--manager-phone', '01604 123456', '--referred', '2026-11-20T09:00Z', '--key', 'retry-1'];

describe('cli book with a --key whose booking was cancelled', () => {
  it('says the booking was cancelled instead of "Booked", and gives that same booking back', async () => {
    const first = JSON.parse((await cli(...book, '--json')).out);
    expect((await cli('cancel', '--booking', first.bookingId)).code).toBe(0);
    const again = await cli(...book);
    expect(again.code).toBe(0);
    expect(again.out).not.toMatch(/^Booked/);
    expect(again.out).toContain('cancelled');
    expect(again.out).toContain(first.bookingId);
    expect(JSON.parse((await cli(...book, '--json')).out)).toMatchObject({ bookingId: first.bookingId, status: 'cancelled', replayed: true });
  });
});
