import { randomBytes } from 'node:crypto';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../scheduling/adapters/pg/migrate.js';
import { PgPoolDb } from '../../scheduling/adapters/pg/PgPoolDb.js';
import { createDatabase, databaseOf, databasesNamed, dropDatabase } from './pgServer.js';
import { emptied, shapeOf, tablesOf } from './reusedPglite.js';

/**
 * Migrated databases on the test PostgreSQL server, kept for reuse within one test process, as
 * `PglitePool` keeps embedded stores. A new database costs about 0.4 s (CREATE DATABASE copies
 * template1 through the WAL, DROP DATABASE removes it, and the migrations run in between), most of
 * it PostgreSQL's CPU; emptying one a test wrote to costs a few milliseconds. So when a borrower
 * closes its handle, the database is emptied (see `emptied`) and kept for the next borrower,
 * unless anything besides row data changed (`shapeOf`): then it is dropped. Each borrower gets
 * its own connection pool, so no session state (settings, locks, prepared statements) outlives
 * it. The databases are named after the run (`pooledDatabasePrefix`), and globalSetup's teardown
 * drops what the test processes left (`dropPooledDatabases`).
 */
export class PostgresPool {
  private readonly idle: string[] = [];
  /** Each database's shape and tables as migrated (object ids differ from one database to the next). */
  private readonly templates = new Map<string, { shape: string; tables: readonly string[] }>();

  /**
   * `server`: the test server's URL; at most `keep` emptied databases wait for reuse; a lock held
   * past `lockTimeoutMs` while emptying (a connection the borrower left open) drops the database.
   * The databases' names start with `prefix`.
   */
  constructor(
    private readonly server: string,
    private readonly options: { readonly keep?: number; readonly lockTimeoutMs?: number; readonly prefix?: string } = {},
  ) {}

  /** Databases waiting for reuse (for the pool's own tests). */
  get idleCount(): number {
    return this.idle.length;
  }

  /** Drops the databases waiting for reuse. */
  async drain(): Promise<void> {
    for (const url of this.idle.splice(0)) await this.drop(url);
  }

  /** A migrated, empty database of its own for one borrower: `close()` gives it back. */
  async lend(): Promise<Db & { url: string }> {
    const url = this.idle.pop() ?? (await this.fresh());
    const db = await PgPoolDb.open(url);
    let closed = false;
    return {
      url,
      query: (text, params) => db.query(text, params),
      exec: (script) => db.exec(script),
      transaction: (work) => db.transaction(work),
      close: async () => {
        if (closed) return;
        closed = true;
        await db.close();
        await this.giveBack(url);
      },
    };
  }

  private async fresh(): Promise<string> {
    const url = await createDatabase(this.server, `${this.options.prefix ?? pooledDatabasePrefix()}${randomBytes(6).toString('hex')}`);
    const db = await PgPoolDb.open(url, { max: 1 });
    try {
      await migrate(db);
      this.templates.set(url, { shape: await shapeOf(db), tables: await tablesOf(db) });
    } finally {
      await db.close();
    }
    return url;
  }

  private async giveBack(url: string): Promise<void> {
    if (this.idle.length < (this.options.keep ?? 2) && (await this.emptiedAsTemplate(url))) this.idle.push(url);
    else await this.drop(url);
  }

  private async drop(url: string): Promise<void> {
    this.templates.delete(url);
    await dropDatabase(this.server, databaseOf(url));
  }

  /** Empties the database on a connection of its own; true if it is then in the template's shape. */
  private async emptiedAsTemplate(url: string): Promise<boolean> {
    const template = this.templates.get(url);
    if (!template) return false;
    // A lock the borrower's other connections still hold must not stall the suite: give up and drop.
    const db = await PgPoolDb.open({ connectionString: url, options: `-c lock_timeout=${this.options.lockTimeoutMs ?? 5_000}` }, { max: 1 }).catch(() => undefined);
    if (!db) return false;
    try {
      return (await emptied(db, template.tables)) && (await shapeOf(db)) === template.shape;
    } catch {
      return false;
    } finally {
      await db.close().catch(() => undefined);
    }
  }
}

/** Set by globalSetup for the whole run, so its teardown finds the databases this run pooled. */
export const pooledDatabaseRunEnv = 'SD_TEST_RUN';

/** `sd_pool_<run>_`: the name every pooled database of this run starts with. */
export function pooledDatabasePrefix(): string {
  const run = process.env[pooledDatabaseRunEnv] ?? `pid${process.pid}`;
  return `sd_pool_${run}_`;
}

/** Drops the databases this run's test processes kept (called once they have all ended). Returns how many. */
export async function dropPooledDatabases(server: string, prefix = pooledDatabasePrefix()): Promise<number> {
  const names = await databasesNamed(server, prefix);
  for (const name of names) await dropDatabase(server, name);
  return names.length;
}
