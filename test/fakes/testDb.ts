import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { PgliteDb } from '../../scheduling/adapters/pg/PgliteDb.js';
import { PgPoolDb } from '../../scheduling/adapters/pg/PgPoolDb.js';

/** An in-memory PGlite: the embedded store, fresh for one test. */
export function openTestPglite(): Promise<Db> {
  return PgliteDb.open();
}

/** The PostgreSQL server this machine runs (127.0.0.1:5432, trust auth); override with TEST_PG_URL. */
export const testPgServer = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, dropped by `drop()`. */
export async function createScratchDatabase(prefix = 'sd_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgServer });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPgServer);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: testPgServer });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A pooled connection to a fresh scratch database; `close()` also drops it. */
export async function openTestPostgres(): Promise<Db & { url: string }> {
  const scratch = await createScratchDatabase();
  const db = await PgPoolDb.open(scratch.url);
  return {
    url: scratch.url,
    query: (text, params) => db.query(text, params),
    exec: (script) => db.exec(script),
    transaction: (work) => db.transaction(work),
    close: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}
