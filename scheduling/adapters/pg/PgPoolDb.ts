import pg from 'pg';
import type { Db, Rows, Sql } from './Db.js';

/** A PostgreSQL server through a `pg` pool: the scale-out store shared by several bot instances. */
export class PgPoolDb implements Db {
  private constructor(private readonly pool: pg.Pool) {}

  /** `connection`: a `postgres://` URL, or `pg` settings (the CLI reaches the bot's store socket with `host` = DATA_DIR). */
  static async open(connection: string | pg.PoolConfig, options: { max?: number } = {}): Promise<PgPoolDb> {
    const pool = new pg.Pool({ ...(typeof connection === 'string' ? { connectionString: connection } : connection), max: options.max ?? 10 });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the
    // process: the pool discards it and opens another on the next query.
    pool.on('error', () => undefined);
    // Fail at start-up, naming the problem, rather than on the first request.
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PgPoolDb(pool);
  }

  async query<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> {
    const result = await this.pool.query(text, params as unknown[]);
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Sql = {
      query: async <R>(text: string, params: readonly unknown[] = []): Promise<Rows<R>> => {
        const result = await client.query(text, params as unknown[]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
      },
      exec: async (script: string) => {
        await client.query(script);
      },
    };
    try {
      await client.query('begin');
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
