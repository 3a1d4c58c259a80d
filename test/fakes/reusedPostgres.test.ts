import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseOf, databasesNamed } from './pgServer.js';
import { dropPooledDatabases, PostgresPool } from './reusedPostgres.js';
import { testPgServer } from './testDb.js';

const outboxRow = `insert into local_outbox (to_addresses, subject, body) values ('["a@b.example"]', 'Hello', 'Body') returning seq`;

let pool: PostgresPool;
afterEach(async () => {
  await pool?.drain();
});

describe('PostgresPool', () => {
  it('lends a database given back with rows in it again, emptied, with its sequences restarted', async () => {
    pool = new PostgresPool(testPgServer, { prefix: `sd_pool_test${randomBytes(3).toString('hex')}_` });
    const first = await pool.lend();
    await first.query(outboxRow);
    await first.query(`insert into audit_log (at, actor_id, actor_name, action, entity, entity_id) values (now(), 'a', 'A', 'x', 'request', 'r1')`);
    await first.close();
    expect(pool.idleCount).toBe(1);

    const second = await pool.lend();
    expect(second.url).toBe(first.url); // the same database, not a new one
    expect((await second.query('select (select count(*) from local_outbox)::int as outbox, (select count(*) from audit_log)::int as audit')).rows).toEqual([{ outbox: 0, audit: 0 }]);
    expect(Number((await second.query<{ seq: string }>(outboxRow)).rows[0]!.seq)).toBe(1);
    expect((await second.query('select count(*)::int as n from schema_migrations')).rows[0]).not.toEqual({ n: 0 });
    await second.close();
  });

  it('drops a database given back with a table added, and lends a new one', async () => {
    pool = new PostgresPool(testPgServer, { prefix: `sd_pool_test${randomBytes(3).toString('hex')}_` });
    const first = await pool.lend();
    await first.exec('create table left_behind (id int)');
    await first.close();
    expect(pool.idleCount).toBe(0);
    expect(await databasesNamed(testPgServer, databaseOf(first.url))).toEqual([]);

    const second = await pool.lend();
    expect(second.url).not.toBe(first.url);
    await second.close();
  });

  it('drops a database instead of waiting when a connection the borrower left open holds a lock', async () => {
    pool = new PostgresPool(testPgServer, { lockTimeoutMs: 200 });
    const lent = await pool.lend();
    await lent.query(outboxRow);
    const other = new pg.Client({ connectionString: lent.url });
    other.on('error', () => undefined); // the drop ends its connection
    await other.connect();
    await other.query('begin; lock table local_outbox in access exclusive mode');
    await lent.close();
    expect(pool.idleCount).toBe(0);
    expect(await databasesNamed(testPgServer, databaseOf(lent.url))).toEqual([]);
    await other.end().catch(() => undefined);
  });

  it('drops every database a run kept, and no other, at the end of the run', async () => {
    // Runs of their own: the suite's pools (in this worker and the other) keep theirs under the suite's run.
    const run = `sd_pool_test${randomBytes(3).toString('hex')}_`;
    const kept = new PostgresPool(testPgServer, { prefix: run });
    for (const db of [await kept.lend(), await kept.lend()]) await db.close();
    expect(kept.idleCount).toBe(2);
    const otherRun = new PostgresPool(testPgServer, { prefix: `sd_pool_test${randomBytes(3).toString('hex')}_` });
    const bystander = await otherRun.lend();

    expect(await dropPooledDatabases(testPgServer, run)).toBe(2);
    expect(await databasesNamed(testPgServer, run)).toEqual([]);
    expect(await databasesNamed(testPgServer, databaseOf(bystander.url))).toEqual([databaseOf(bystander.url)]);
    expect((await bystander.query('select 1 as still')).rows).toEqual([{ still: 1 }]);
    await bystander.close();
    await otherRun.drain();
  });
});
