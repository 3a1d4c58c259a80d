import type PgBoss from 'pg-boss';
import type { Db } from '../Db.js';

/** More than one statement: a `;` followed by more text (pg-boss's locked plans, its schema). */
const SEVERAL_STATEMENTS = /;\s*\S/;

/**
 * pg-boss's `db` option over the project's `Db`, so pg-boss shares the store's connection rules:
 * on the embedded PGlite every call waits for the one connection (`ConnectionGate`) like the
 * app's own statements and the CLI's socket exchanges; on PostgreSQL it uses the store's pool.
 * SQL with several statements and no parameters (schema creation, `BEGIN; ...; COMMIT` under an
 * advisory lock) goes through `exec` (simple protocol, one gate hold for the whole script);
 * everything else through `query`. pg-boss reads no rows from its multi-statement scripts.
 * Rule: PLATFORM.md "PGlite and pg-boss".
 */
export function bossExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && SEVERAL_STATEMENTS.test(text.trim())) {
        await db.exec(text);
        return { rows: [] };
      }
      return db.query(text, values ?? []);
    },
  };
}
