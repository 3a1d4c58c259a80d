import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './Db.js';
import { DataDirInUseError } from './DataDirLock.js';
import { assertSocketPathFits, maxSocketPathBytes, PgliteDb } from './PgliteDb.js';
import { PgPoolDb } from './PgPoolDb.js';

/**
 * Where the store is. `dataDir` with `serve` is the bot: it opens the embedded store alone and
 * serves it on DATA_DIR's socket. `dataDir` without `serve` (the CLI, scripts) uses a live
 * bot's socket, or else opens the store alone.
 */
export type DbLocation = { readonly databaseUrl: string } | { readonly dataDir: string; readonly serve?: boolean } | { readonly memory: true };

/** The name PostgreSQL clients look for in a socket directory (`host` = DATA_DIR, port 5432). */
export const storeSocketName = '.s.PGSQL.5432';

/**
 * The unix socket a running bot serves its embedded store on: `<DATA_DIR>/.s.PGSQL.5432`, so
 * `pg` (and `psql -h <DATA_DIR>`) reach it with DATA_DIR as the host.
 * @example
 * storeSocketPath('/srv/desk/data') //=> '/srv/desk/data/.s.PGSQL.5432'
 */
export function storeSocketPath(dataDir: string): string {
  return join(resolve(dataDir), storeSocketName);
}

/** How long the CLI waits for a live bot's socket to answer before it counts as not answering. */
const socketAnswerMs = 5_000;

/**
 * Opens the configured store: PostgreSQL at `DATABASE_URL`, else PGlite in `DATA_DIR`.
 * One process opens a DATA_DIR (its lock file); the bot serves it to the CLI over a socket.
 * Rule: PLATFORM.md "PGlite and pg-boss"; issue "Close the holes found in review", item 8.
 * @example
 * await openDb({ dataDir: './data', serve: true }) // the bot; DataDirInUseError if another process has it
 * await openDb({ dataDir: './data' })              // the CLI: through the bot's socket when it runs
 */
export async function openDb(location: DbLocation): Promise<Db> {
  if ('databaseUrl' in location) return PgPoolDb.open(location.databaseUrl);
  if ('dataDir' in location) return location.serve ? serveDataDir(location.dataDir) : joinDataDir(location.dataDir);
  return PgliteDb.open();
}

async function serveDataDir(dataDir: string): Promise<Db> {
  assertSocketPathFits(storeSocketPath(dataDir)); // before anything is opened
  const db = await PgliteDb.open(dataDir, { inUseAdvice: 'only one bot can open it: stop that one first, or give this one its own DATA_DIR (DATABASE_URL for several instances)' });
  try {
    await db.serve(storeSocketPath(dataDir));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function joinDataDir(dataDir: string): Promise<Db> {
  const running = await runningBotStore(dataDir);
  if (running) return running;
  try {
    return await PgliteDb.open(dataDir, { inUseAdvice: 'nothing answers on its store socket: try again in a moment (a bot may be starting up, or another command running), else stop that process' });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    // The bot may have begun serving between our two looks.
    const late = await runningBotStore(dataDir);
    if (late) return late;
    throw error;
  }
}

/** The running bot's store through its socket, or undefined when nothing answers there. */
async function runningBotStore(dataDir: string): Promise<Db | undefined> {
  const socket = storeSocketPath(dataDir);
  if (Buffer.byteLength(socket) > maxSocketPathBytes || !existsSync(socket)) return undefined;
  try {
    // One connection: the bot's PGlite runs one exchange at a time anyway. No TLS on a local
    // socket, whatever PGSSLMODE says.
    return await PgPoolDb.open({ host: resolve(dataDir), port: 5432, user: 'postgres', database: 'postgres', ssl: false, connectionTimeoutMillis: socketAnswerMs }, { max: 1 });
  } catch {
    // Refused (a dead bot's socket), cut off or silent: the lock decides what happens next.
    return undefined;
  }
}
