import { PGlite } from '@electric-sql/pglite';
import type { Db, Rows, Sql } from './Db.js';

/** Runs one piece of async work at a time, in arrival order. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * The embedded store: PGlite (PostgreSQL in WebAssembly) in a data directory, or in memory.
 * PGlite is a single connection, so every statement and transaction is serialised here: a
 * statement never runs inside another caller's transaction.
 */
export class PgliteDb implements Db {
  private readonly lock = new Mutex();
  private closed = false;

  private constructor(private readonly pg: PGlite) {}

  /**
   * `dataDir` undefined = in memory (tests). `options.loadDataDir` starts the store from a
   * `dumpDataDir()` tarball instead of an empty cluster (tests reuse one migrated template).
   */
  static async open(dataDir?: string, options: { readonly loadDataDir?: Blob } = {}): Promise<PgliteDb> {
    const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    await pg.waitReady;
    return new PgliteDb(pg);
  }

  query<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> {
    return this.lock.run(() => this.raw.query<T>(text, params));
  }

  exec(script: string): Promise<void> {
    return this.lock.run(() => this.raw.exec(script));
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      await this.pg.query('begin');
      try {
        const result = await work(this.raw);
        await this.pg.query('commit');
        return result;
      } catch (error) {
        await this.pg.query('rollback');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lock.run(() => this.pg.close());
  }

  /** The connection itself, for use while the lock is held. */
  private readonly raw: Sql = {
    query: async <T>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> => {
      const result = await this.pg.query<T>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    exec: async (script: string) => {
      await this.pg.exec(script);
    },
  };
}
