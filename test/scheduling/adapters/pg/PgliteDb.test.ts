import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PgliteDb } from '../../../../scheduling/adapters/pg/PgliteDb.js';
import { pgliteTemplate, seedDataDir } from '../../../fakes/testDb.js';

// The settings are start parameters, given at every start: the stores here start from the suite's
// migrated template rather than an empty folder (a first start is localMode.test's subject).
describe('PgliteDb memory settings (a desk-sized database, not a server-sized one)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function settingsOf(db: PgliteDb): Promise<Record<string, string>> {
    const { rows } = await db.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from pg_settings where name in ('shared_buffers', 'maintenance_work_mem', 'temp_buffers', 'work_mem', 'search_path')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  }

  it('starts a store in DATA_DIR with 16 MB of shared buffers, PGlite own parameters kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-pglite-settings-'));
    dirs.push(dir);
    seedDataDir(dir);
    const db = await PgliteDb.open(dir);
    try {
      expect(await settingsOf(db)).toEqual({ shared_buffers: '16MB', maintenance_work_mem: '16MB', temp_buffers: '2MB', work_mem: '2MB', search_path: 'public' });
    } finally {
      await db.close();
    }
  });

  it('starts an in-memory store the same way', async () => {
    const db = await PgliteDb.open(undefined, { loadDataDir: await pgliteTemplate() });
    try {
      expect((await settingsOf(db)).shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
  });
});
