import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../scheduling/adapters/pg/migrate.js';
import { openDb } from '../../../../scheduling/adapters/pg/openDb.js';
import { PgPoolDb } from '../../../../scheduling/adapters/pg/PgPoolDb.js';
import { createScratchDatabase, openEmptyPglite, openTestPglite } from '../../../fakes/testDb.js';

describe('migrate', () => {
  it('applies each shipped migration once, in order', async () => {
    const db = await openEmptyPglite();
    try {
      const shipped = migrations().map((m) => m.version);
      expect(shipped[0]).toBe(1);
      expect(await migrate(db)).toEqual(shipped);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('lets several instances start together on one PostgreSQL database: one of them migrates', async () => {
    const scratch = await createScratchDatabase('sd_migrate');
    const dbs = await Promise.all([1, 2, 3].map(() => PgPoolDb.open(scratch.url)));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      const { rows } = await dbs[0]!.query<{ n: string }>('select count(*) as n from schema_migrations');
      expect(Number(rows[0]!.n)).toBe(migrations().length);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await scratch.drop();
    }
  });

  it('refuses a database migrated by newer code', async () => {
    const db = await openTestPglite();
    try {
      await migrate(db);
      await db.query(`insert into schema_migrations (version, name) values (999, '999_future')`);
      await expect(migrate(db)).rejects.toThrow(/schema version 999, newer than this code knows/);
    } finally {
      await db.close();
    }
  });

  it('keeps the embedded store in DATA_DIR across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-data-'));
    try {
      const first = await openDb({ dataDir });
      await migrate(first);
      await first.query(`insert into mail_keys (key, claimed_at) values ('kept', now())`);
      await first.close();
      const second = await openDb({ dataDir });
      expect(await migrate(second)).toEqual([]);
      expect((await second.query('select key from mail_keys')).rows).toEqual([{ key: 'kept' }]);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
