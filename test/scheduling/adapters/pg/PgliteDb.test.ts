import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PgliteDb, textValue } from '../../../../scheduling/adapters/pg/PgliteDb.js';
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

// A statement goes to PostgreSQL in one exchange (Parse, Bind, Describe, Execute, Sync together),
// not in PGlite's five; what reaches the columns, what comes back and what fails must not change.
describe('PgliteDb statements', () => {
  let db: PgliteDb;
  /** The same engine with PGlite's own typed `query`, to compare against. */
  let typed: PGlite;
  const columns = 't text, i int, b bigint, n numeric, ok boolean, at timestamptz, day date, j jsonb, js json, bin bytea, tags text[], id uuid';
  beforeAll(async () => {
    // Both from the suite's template (initdb, which an empty start runs, costs seconds each).
    db = await PgliteDb.open(undefined, { loadDataDir: await pgliteTemplate() });
    typed = new PGlite({ loadDataDir: await pgliteTemplate() });
    for (const exec of [(sql: string) => db.exec(sql), (sql: string) => typed.exec(sql)]) {
      await exec(`create table v (${columns}); create table u (k text primary key)`);
    }
  });
  afterAll(async () => {
    await db.close();
    await typed.close();
  });
  afterEach(async () => {
    for (const exec of [(sql: string) => db.exec(sql), (sql: string) => typed.exec(sql)]) await exec('truncate v, u');
  });

  it('runs a statement with parameters in one exchange with PostgreSQL', async () => {
    const exchanges = vi.spyOn(PGlite.prototype, 'execProtocolRaw');
    try {
      const { rows } = await db.query<{ n: number }>('select $1::int + 1 as n', [41]);
      expect(rows).toEqual([{ n: 42 }]);
      expect(exchanges).toHaveBeenCalledTimes(1);
    } finally {
      exchanges.mockRestore();
    }
  });

  const insert = 'insert into v (t, i, b, n, ok, at, day, j, js, bin, tags, id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)';
  const rows: Array<{ name: string; values: unknown[] }> = [
    {
      name: 'the kinds of value the stores pass',
      values: ['Zoë \u202e ${x} \'quoted\' "and" \\ back', 7, 9007199254740993n, 1.25, true, new Date('2026-03-29T00:59:59.999Z'), new Date('2026-11-23T00:00:00Z'), { a: [1, 'two', null], b: { c: true } }, { nested: 'ok' }, new Uint8Array([0, 1, 254, 255]), null, '6f1c4c3e-8f7e-4b8e-9a7a-2b1f1d6c0e11'],
    },
    { name: 'nulls and undefined', values: [null, undefined, null, null, null, null, null, null, null, null, null, null] },
    { name: 'text where a column takes text: numbers, booleans as PGlite wrote them', values: [false, 0, '12', '0.5', 'yes', '2026-10-25T01:30:00+01:00', '2026-10-25', '"just a string"', '[1,2]', new Uint8Array([]), null, null] },
    { name: 'an array (written as its column type says)', values: ['x', 1, 1, 1, false, new Date(0), new Date(0), {}, [], new Uint8Array([7]), ['a', 'b,c', 'd"e'], null] },
  ];
  for (const { name, values } of rows) {
    it(`stores ${name} as PGlite's typed query stores them`, async () => {
      await db.query(insert, values);
      await typed.query(insert, values);
      const read = 'select * from v';
      expect((await db.query(read)).rows).toEqual((await typed.query(read)).rows);
      const asText = `select ${columns.split(', ').map((c) => `${c.split(' ')[0]}::text`).join(', ')} from v`;
      expect((await db.query(asText)).rows).toEqual((await typed.query(asText)).rows);
    });
  }

  it('counts the rows a statement changed or returned', async () => {
    expect((await db.query("insert into u (k) values ($1), ($2), ('c')", ['a', 'b'])).rowCount).toBe(3);
    expect((await db.query('update u set k = k where k = $1', ['none'])).rowCount).toBe(0);
    expect((await db.query('delete from u where k <> $1', ['a'])).rowCount).toBe(2);
    expect((await db.query('select k from u where k = $1', ['a'])).rows).toEqual([{ k: 'a' }]);
  });

  it("throws PostgreSQL's error with its code, and the connection carries on, in a transaction or not", async () => {
    await db.query('insert into u (k) values ($1)', ['taken']);
    await expect(db.query('insert into u (k) values ($1)', ['taken'])).rejects.toMatchObject({ name: 'error', code: '23505' });
    await expect(db.query('selec $1', ['x'])).rejects.toMatchObject({ code: '42601' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into u (k) values ($1)', ['in the transaction']);
        await tx.query('insert into u (k) values ($1)', ['taken']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query<{ k: string }>('select k from u order by k')).rows).toEqual([{ k: 'taken' }]);
    // No transaction left open: a savepoint needs one.
    await expect(db.query('savepoint probe')).rejects.toMatchObject({ code: '25P01' });
  });

  it('writes a value as text the way PGlite\'s typed serializers do', () => {
    expect(textValue(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T01:00:00.000Z');
    expect(textValue(Buffer.from([1, 2, 255]).subarray(1))).toBe('\\x02ff');
    expect(textValue({ a: 1 })).toBe('{"a":1}');
    expect(textValue(true)).toBe('true');
    expect(textValue(12n)).toBe('12');
    expect(textValue(undefined)).toBeNull();
  });
});
