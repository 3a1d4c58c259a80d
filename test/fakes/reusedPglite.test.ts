import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Sql } from '../../scheduling/adapters/pg/Db.js';
import { PglitePool } from './reusedPglite.js';
import { openTemplateCopy } from './testDb.js';

/** Rows a test could leave behind, and the migrations recorded. */
async function rowsAndMigrations(db: Sql) {
  return {
    outbox: (await db.query('select count(*)::int as n from local_outbox')).rows,
    audit: (await db.query('select count(*)::int as n from audit_log')).rows,
    migrations: (await db.query('select version, name from schema_migrations order by version')).rows,
  };
}

let pool: PglitePool;
afterEach(async () => {
  await pool?.drain();
});

describe('PglitePool', () => {
  it('lends a store given back with rows in it again, emptied, with its sequences restarted', async () => {
    pool = new PglitePool(openTemplateCopy);
    const first = await pool.lend();
    const untouched = await rowsAndMigrations(first);
    await first.query(`insert into local_outbox (to_addresses, subject, body) values ('["a@b.example"]', 'Hello', 'Body')`);
    await first.query(`insert into audit_log (at, actor_id, actor_name, action, entity, entity_id) values (now(), 'a', 'A', 'x', 'request', 'r1')`);
    await first.close();
    expect(pool.idleCount).toBe(1);

    const second = await pool.lend();
    expect(pool.idleCount).toBe(0); // the same store, not a new one
    expect(await rowsAndMigrations(second)).toEqual(untouched);
    const { rows } = await second.query<{ seq: string }>(`insert into local_outbox (to_addresses, subject, body) values ('[]', 'Again', 'Body') returning seq`);
    expect(Number(rows[0]!.seq)).toBe(1);
    await second.close();
  });

  it('lends a store again whose rows were deleted and whose sequence moved on a rolled-back insert, in the template state', async () => {
    pool = new PglitePool(openTemplateCopy);
    const first = await pool.lend();
    const untouched = await rowsAndMigrations(first);
    await first.query(`insert into audit_log (at, actor_id, actor_name, action, entity, entity_id) values (now(), 'a', 'A', 'x', 'request', 'r1')`);
    await first.query('delete from audit_log');
    await first.exec(`begin; insert into local_outbox (to_addresses, subject, body) values ('[]', 'Rolled back', 'Body'); rollback`);
    await first.close();
    expect(pool.idleCount).toBe(1);

    const second = await pool.lend();
    expect(await rowsAndMigrations(second)).toEqual(untouched);
    for (const table of ['local_outbox', 'audit_log']) {
      const { rows } = await second.query<{ seq: string }>(
        table === 'local_outbox'
          ? `insert into local_outbox (to_addresses, subject, body) values ('[]', 'Again', 'Body') returning seq`
          : `insert into audit_log (at, actor_id, actor_name, action, entity, entity_id) values (now(), 'a', 'A', 'x', 'request', 'r2') returning seq`,
      );
      expect(Number(rows[0]!.seq), table).toBe(1);
    }
    await second.close();
  });

  it('rolls back a transaction left open and forgets session settings and temporary tables', async () => {
    pool = new PglitePool(openTemplateCopy);
    const first = await pool.lend();
    await first.exec(`set timezone = 'America/Los_Angeles'; create temporary table scratch (x int); begin; insert into mail_keys (key, claimed_at) values ('left-open', now())`);
    await first.close();
    expect(pool.idleCount).toBe(1);

    const second = await pool.lend();
    expect((await second.query<{ tz: string }>('show timezone')).rows[0]!.tz).not.toBe('America/Los_Angeles');
    expect((await second.query(`select 1 from pg_class where relname = 'scratch'`)).rows).toEqual([]);
    expect((await second.query('select key from mail_keys')).rows).toEqual([]);
    await second.close();
  });

  // Each change, and a query that finds it (no rows on a store from the template). The cases
  // share one pool, so each starts from the store the case before gave back (emptied, in the
  // template's state: each case checks that): one new store a case rather than two.
  let shared: PglitePool | undefined;
  afterAll(async () => {
    await shared?.drain();
  });
  it.each([
    ['a table added', 'create table extra (x int)', `select 1 from pg_tables where tablename = 'extra'`],
    ['a column added', 'alter table mail_keys add column extra text', `select 1 from information_schema.columns where column_name = 'extra'`],
    ['a table dropped', 'drop table mail_keys cascade', `select 1 where not exists (select 1 from pg_tables where tablename = 'mail_keys')`],
    ['an index dropped', 'drop index local_outbox_mail_key', `select 1 where not exists (select 1 from pg_indexes where indexname = 'local_outbox_mail_key')`],
    ['a schema added', 'create schema pgboss', `select 1 from pg_namespace where nspname = 'pgboss'`],
    ['a function added', 'create function one() returns int language sql as $$ select 1 $$', `select 1 from pg_proc where proname = 'one'`],
    ['a migration recorded', `insert into schema_migrations (version, name) values (999, '999_future')`, 'select 1 from schema_migrations where version = 999'],
    ['a sequence added', 'create sequence loose', `select 1 from pg_sequences where sequencename = 'loose'`],
    ['a default changed', `alter table mail_keys alter column claimed_at set default now()`, `select 1 from information_schema.columns where table_name = 'mail_keys' and column_name = 'claimed_at' and column_default is not null`],
    ['a constraint added', `alter table mail_keys add constraint key_not_blank check (key <> '')`, `select 1 from pg_constraint where conname = 'key_not_blank'`],
    ['a trigger added', 'create trigger touched before update on mail_keys for each row execute function suppress_redundant_updates_trigger()', `select 1 from pg_trigger where tgname = 'touched'`],
    ['a role added', 'create role visitor', `select 1 from pg_roles where rolname = 'visitor'`],
    ['a database setting added', `alter database postgres set work_mem = '8MB'`, `select 1 from pg_db_role_setting where setconfig is not null`],
  ])('closes a store for good instead of lending it again when it comes back with %s', async (_, change, probe) => {
    shared ??= new PglitePool(openTemplateCopy);
    const pool = shared;
    const first = await pool.lend();
    const untouched = await rowsAndMigrations(first);
    expect((await first.query(probe)).rows).toEqual([]);
    await first.exec(change);
    expect((await first.query(probe)).rows).toHaveLength(1);
    await first.close();
    expect(pool.idleCount).toBe(0);

    const next = await pool.lend();
    expect((await next.query(probe)).rows).toEqual([]);
    expect(await rowsAndMigrations(next)).toEqual(untouched);
    await next.close();
    expect(pool.idleCount).toBe(1);
  });

  it('refuses queries on a handle once closed, as a closed PGlite does', async () => {
    pool = new PglitePool(openTemplateCopy);
    const db = await pool.lend();
    await db.close();
    await expect(db.query('select 1')).rejects.toThrow(/closed/);
    await expect(db.exec('select 1')).rejects.toThrow(/closed/);
    await expect(db.transaction(async () => 1)).rejects.toThrow(/closed/);
    await db.close(); // closing twice gives the store back once
    expect(pool.idleCount).toBe(1);
  });

  it('keeps at most the given number of stores waiting', async () => {
    pool = new PglitePool(openTemplateCopy, 1);
    const [a, b] = [await pool.lend(), await pool.lend()];
    await a.close();
    await b.close();
    expect(pool.idleCount).toBe(1);
  });
});
