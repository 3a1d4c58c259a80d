import type { Db } from './Db.js';
import { PgliteDb } from './PgliteDb.js';
import { PgPoolDb } from './PgPoolDb.js';

export type DbLocation = { readonly databaseUrl: string } | { readonly dataDir: string } | { readonly memory: true };

/** Opens the configured store: PostgreSQL at `DATABASE_URL`, else PGlite in `DATA_DIR`. */
export async function openDb(location: DbLocation): Promise<Db> {
  if ('databaseUrl' in location) return PgPoolDb.open(location.databaseUrl);
  if ('dataDir' in location) return PgliteDb.open(location.dataDir);
  return PgliteDb.open();
}
