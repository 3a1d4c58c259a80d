import type { Db, Rows, Sql } from '../../scheduling/adapters/pg/Db.js';
import type { PgliteDb } from '../../scheduling/adapters/pg/PgliteDb.js';

/**
 * Migrated in-memory stores kept for reuse within one test process. Starting a PGlite from the
 * migrated template costs about 0.4 CPU-seconds (PostgreSQL starts inside WebAssembly); emptying
 * one costs a few milliseconds (deleting the rows of only the tables a test wrote to, see
 * `emptied`). So a store lent by `lend` is, when its borrower closes it, emptied
 * back to the template's state and kept for the next borrower - unless anything besides row data
 * changed (tables, columns, indexes, functions, schemas, roles, sequences, `schema_migrations`),
 * in which case it is closed for good. Either way the next test starts from the template.
 */
export class PglitePool {
  private readonly idle: PgliteDb[] = [];
  /** What an untouched store from the template looks like (see `shapeOf`), and its tables, from the first one opened. */
  private template: Promise<{ shape: string; tables: readonly string[] }> | undefined;

  /** `fresh` opens a new store from the template; at most `keep` emptied stores wait for reuse. */
  constructor(private readonly fresh: () => Promise<PgliteDb>, private readonly keep = 2) {}

  /** A store in the template's state, for one borrower: `close()` gives it back. */
  async lend(): Promise<Db> {
    const reused = this.idle.pop();
    if (reused) return new LentStore(reused, (db) => this.giveBack(db));
    const db = await this.fresh();
    this.template ??= (async () => ({ shape: await shapeOf(db), tables: await tablesOf(db) }))();
    await this.template;
    return new LentStore(db, (db) => this.giveBack(db));
  }

  /** Stores waiting for reuse (for the pool's own tests). */
  get idleCount(): number {
    return this.idle.length;
  }

  /** Closes the stores waiting for reuse. */
  async drain(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((db) => db.close()));
  }

  private async giveBack(db: PgliteDb): Promise<void> {
    const template = await this.template!;
    const reusable = this.idle.length < this.keep && (await emptied(db, template.tables)) && (await shapeOf(db)) === template.shape;
    if (reusable) this.idle.push(db);
    else await db.close();
  }
}

/**
 * Ends any transaction the borrower left open, drops its session state (settings, temporary
 * tables, prepared statements, advisory locks), empties every one of the template's `tables` that
 * holds a row, and restarts every sequence that moved (theirs, and any an insert rolled back
 * moved). False when that fails, as when a table is gone (then the store is not reused); a table
 * added shows in the shape.
 */
export async function emptied(db: Sql, tables: readonly string[]): Promise<boolean> {
  try {
    await db.exec('rollback');
    await db.exec('discard all'); // not in the same script: that would be one transaction
    const { rows } = await db.query<{ written: string[]; moved: string[] }>(
      `select array_remove(array[${tables.map((t) => `case when exists (select from ${t}) then ${quoteLiteral(t)} end`).join(', ')}]::text[], null) as written,
        array(select format('%I.%I', schemaname, sequencename) from pg_sequences where last_value is not null) as moved`,
    );
    const { written, moved } = rows[0]!;
    if (written.length > 0) {
      // Deleted, not truncated: a truncate makes new files for each table and its indexes, about
      // 2 ms a table in PGlite; deleting the few rows a test wrote and vacuuming costs a third of
      // that. Every table holding a row is in `written`, so foreign keys need not be checked.
      await db.exec(`set session_replication_role = replica; ${written.map((t) => `delete from ${t};`).join(' ')} reset session_replication_role;`);
      await db.exec(`vacuum ${written.join(', ')}`);
    }
    for (const sequence of moved) await db.exec(`alter sequence ${sequence} restart`);
    return true;
  } catch {
    return false;
  }
}

/** The user tables (schema-qualified and quoted) but `schema_migrations`. */
export async function tablesOf(db: Sql): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') and not (schemaname = 'public' and tablename = 'schema_migrations')
     order by 1`,
  );
  return rows.map((t) => t.name);
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * A digest of everything in the store except the rows of its tables: its relations (tables,
 * indexes, sequences, views) and their columns, defaults, constraints, indexes and triggers, its
 * functions, types, schemas, roles, database settings and extensions, every sequence's position,
 * and the rows of `schema_migrations`.
 *
 * Cheap enough for every give-back (about 9 ms of CPU; deparsing each definition, as this did
 * first, cost about 20 ms on each of the suite's 560-odd): objects made after initdb (the
 * template's and any a test makes) have OIDs from 16384 up, so each catalog is read through its
 * OID index, and only the count and newest row version (`xmin`) of the rows found: creating or
 * dropping an object changes the count, altering one writes a newer row version. `pg_class`
 * alone is read column by column, leaving out what emptying a table changes (its file and freeze
 * horizons) and what ANALYZE does (size estimates): none of that is its shape. The few schemas,
 * roles, database settings and extensions are counted all, initdb's included.
 */
export async function shapeOf(db: Sql): Promise<string> {
  const { rows } = await db.query<{ shape: string }>(shapeSql);
  return rows[0]!.shape;
}

/** PostgreSQL's FirstNormalObjectId: the first OID given to an object made after initdb. */
const firstUserOid = 16384;
/** The count and newest row version of a catalog's rows, all of them or those `where` picks. */
const versions = (catalog: string, where = 'true') =>
  `(select format('${catalog} %s %s', count(*), max(xmin::text::bigint)) from pg_catalog.${catalog} where ${where})`;
const shapeSql = `
select md5(concat_ws(E'\\n',
  (select string_agg((c.oid, c.relname, c.relnamespace, c.reltype, c.reloftype, c.relowner, c.relam, c.reltablespace,
      c.reltoastrelid, c.relhasindex, c.relisshared, c.relpersistence, c.relkind, c.relnatts, c.relchecks, c.relhasrules,
      c.relhastriggers, c.relhassubclass, c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.relispartition,
      c.relrewrite, c.relacl, c.reloptions, c.relpartbound)::text, E'\\n' order by c.oid)
     from pg_catalog.pg_class c where c.oid >= ${firstUserOid}),
  ${versions('pg_attribute', `attrelid >= ${firstUserOid}`)},
  ${versions('pg_attrdef', `oid >= ${firstUserOid}`)},
  ${versions('pg_constraint', `oid >= ${firstUserOid}`)},
  ${versions('pg_index', `indexrelid >= ${firstUserOid}`)},
  ${versions('pg_trigger', `oid >= ${firstUserOid}`)},
  ${versions('pg_proc', `oid >= ${firstUserOid}`)},
  ${versions('pg_type', `oid >= ${firstUserOid}`)},
  ${versions('pg_namespace')},
  ${versions('pg_authid')},
  ${versions('pg_db_role_setting')},
  ${versions('pg_extension')},
  (select string_agg(format('sequence %I.%I %s', schemaname, sequencename, coalesce(last_value::text, 'unused')), E'\\n' order by schemaname, sequencename) from pg_sequences),
  (select string_agg(format('migration %s %s %s', version, name, applied_at), E'\\n' order by version) from schema_migrations)
)) as shape`;

/** One borrower's handle on a pooled store: refuses use once closed, as a closed PGlite does. */
class LentStore implements Db {
  private closed = false;

  constructor(private readonly db: PgliteDb, private readonly giveBack: (db: PgliteDb) => Promise<void>) {}

  async query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Rows<T>> {
    return this.open().query<T>(text, params);
  }

  async exec(script: string): Promise<void> {
    return this.open().exec(script);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.open().transaction(work);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.giveBack(this.db);
  }

  private open(): PgliteDb {
    if (this.closed) throw new Error('PGlite is closed');
    return this.db;
  }
}
