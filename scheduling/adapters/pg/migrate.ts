import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './Db.js';

const MIGRATIONS = new URL('./migrations/', import.meta.url);
/** Any fixed number: the advisory lock that stops two instances migrating at once. */
const MIGRATION_LOCK = 7_474_001;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The versioned migrations shipped with the code: `NNN_name.sql`, applied in order. */
export function migrations(): Migration[] {
  return readdirSync(MIGRATIONS)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), sql: readFileSync(new URL(file, MIGRATIONS), 'utf8') }));
}

/**
 * Brings the schema up to date in one transaction under an advisory lock, so several bot
 * instances starting together apply each migration once. Returns the versions it applied.
 */
export async function migrate(db: Db, available: readonly Migration[] = migrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...available.map((m) => m.version));
    if (newest > known) throw new Error(`the database is at schema version ${newest}, newer than this code knows (${known}); upgrade the code`);
    const applied: number[] = [];
    for (const migration of available) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
