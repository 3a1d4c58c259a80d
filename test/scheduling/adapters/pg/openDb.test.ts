import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, storeSocketName, storeSocketPath } from '../../../../scheduling/adapters/pg/openDb.js';
import { StoreSocketError } from '../../../../scheduling/adapters/pg/PgliteDb.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-open-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('openDb', () => {
  it('puts the store socket in DATA_DIR under the name PostgreSQL clients look for', () => {
    expect(storeSocketPath('/srv/desk/data')).toBe('/srv/desk/data/.s.PGSQL.5432');
  });

  it('refuses to serve a DATA_DIR too deep for a unix socket path, before opening anything', async () => {
    const deep = join(dir, 'd'.repeat(100));
    const error = await openDb({ dataDir: deep, serve: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSocketError);
    expect((error as StoreSocketError).message).toMatch(/^DATA_DIR is too deep for its store socket: .* a unix socket path takes at most 107; choose a shorter DATA_DIR$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('will not remove a file in the socket\u2019s place that is not a socket, and refuses before opening anything', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, storeSocketName), 'notes');
    await expect(openDb({ dataDir, serve: true })).rejects.toThrow(/is in the way of the store socket and is not a socket/);
    expect(readFileSync(join(dataDir, storeSocketName), 'utf8')).toBe('notes');
    // No lock taken, no store made: the folder holds what it held.
    expect(readdirSync(dataDir)).toEqual([storeSocketName]);
  }, 60_000);
});
