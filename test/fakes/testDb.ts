import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Rows, Sql } from '../../scheduling/adapters/pg/Db.js';
import { migrate, migrations } from '../../scheduling/adapters/pg/migrate.js';
import { PgliteDb } from '../../scheduling/adapters/pg/PgliteDb.js';
import { createDatabase, dropDatabase } from './pgServer.js';
import { PglitePool } from './reusedPglite.js';
import { PostgresPool } from './reusedPostgres.js';

/**
 * An in-memory PGlite with every shipped migration applied, in the same state as a fresh copy of
 * the migrated template (see below), so `openDesk`'s `migrate` finds nothing to do. Its `close()`
 * empties it for the next test in this process, or closes it for good if the test changed more
 * than rows (see test/fakes/reusedPglite.ts).
 */
export function openTestPglite(): Promise<Db> {
  return pool.lend();
}

/** A new in-memory PGlite started from its own copy of the migrated template (never reused). */
export async function openTemplateCopy(): Promise<PgliteDb> {
  return PgliteDb.open(undefined, { loadDataDir: await pgliteTemplate() });
}

const pool = new PglitePool(openTemplateCopy);

/**
 * An in-memory PGlite with nothing in it, not even `schema_migrations` (for migration tests):
 * started from globalSetup's dump of a new cluster when there is a current one (initdb, which
 * this skips, costs about 4 CPU-seconds), else new.
 */
export async function openEmptyPglite(): Promise<Db> {
  const file = currentTemplateFile();
  const empty = file && emptyDumpBeside(file);
  return empty && existsSync(empty) ? PgliteDb.open(undefined, { loadDataDir: await openAsBlob(empty) }) : PgliteDb.open();
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
  return { url: await createDatabase(testPgServer, name), drop: () => dropDatabase(testPgServer, name) };
}

/**
 * A migrated, empty database on the test server with a connection pool of its own; `close()`
 * empties it for the next test in this process, or drops it if the test changed more than rows
 * (see test/fakes/reusedPostgres.ts). A database with nothing in it: `createScratchDatabase`.
 */
export function openTestPostgres(): Promise<Db & { url: string }> {
  return postgresPool.lend();
}

const postgresPool = new PostgresPool(testPgServer);

/**
 * A migrated embedded store to start each test's PGlite from. Creating a PGlite runs initdb
 * (1.5-3 s on the 2-core test machine); loading a dump of one takes about 0.4 s. So the suite
 * builds one store, applies the shipped migrations to it, dumps it (`dumpDataDir`), and each
 * `openTestPglite()` loads its own copy of the dump: every test still gets its own data.
 *
 * The template is always built from the migrations on disk at run time and is named after their
 * fingerprint, so a migration added or edited since it was built is never missed: a template that
 * does not match is ignored and rebuilt in the test process.
 */

/** The environment variable through which globalSetup hands the template file to the workers. */
export const templateFileEnv = 'SD_TEST_PGLITE_TEMPLATE';

/** A short hash of every shipped migration's version, name and SQL. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of migrations()) hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * One store dumped (`dumpDataDir()` tarballs) at three moments: a new cluster (`empty`), with
 * the template databases dropped (`withoutTemplateDatabases`) and every shipped migration
 * applied (`migrated`), and as a bot leaves it after its first start
 * (`firstStarted`): its job engine has also installed pg-boss's tables and a queue for each job
 * the desk runs (about half a CPU-second of DDL in PGlite that a bot started on a copy no longer
 * repeats). That last step goes through the desk itself, in local mode, starting and stopping
 * the engine's workers; nothing is scheduled.
 */
async function buildPgliteDumps(): Promise<{ empty: Blob; migrated: Blob; firstStarted: Blob }> {
  // In memory: initdb on disk is about three times slower.
  const store = new PGlite();
  try {
    await store.waitReady;
    const empty = await store.dumpDataDir('none');
    for (const statement of withoutTemplateDatabases) await store.exec(statement); // one at a time: DROP DATABASE takes no transaction
    await migrate(dbOn(store));
    const migrated = await store.dumpDataDir('none');
    const [{ openDesk }, { loadConfig }, { PgBossJobs }] = await Promise.all([
      import('../../app/openDesk.js'),
      import('../../app/config.js'),
      import('../../scheduling/adapters/pg/jobs/PgBossJobs.js'),
    ]);
    // The desk's close() closes its db: here that leaves the store open for the last dump.
    const desk = await openDesk(loadConfig({ CALENDAR_BACKEND: 'local', LOG_LEVEL: 'silent' }), { db: { ...dbOn(store), close: async () => {} } });
    try {
      if (!(desk.jobs instanceof PgBossJobs)) throw new Error('expected the desk to run pg-boss');
      await desk.jobs.work(desk.jobHandlers);
      await desk.jobs.stop();
    } finally {
      await desk.close();
    }
    return { empty, migrated, firstStarted: await store.dumpDataDir('none') };
  } finally {
    await store.close();
  }
}

/**
 * Drops the two databases PostgreSQL keeps to copy from on CREATE DATABASE (template0 and
 * template1; PGlite works in `postgres`). Each start of a store from a dump unpacks every file
 * in it, and those two are two thirds of a new cluster's files: without them a start costs about
 * 0.38 CPU-seconds instead of 0.55 on the 2-core test machine, and a seeded DATA_DIR is 25 MB to
 * copy instead of 40. Nothing the desk does creates a database. The new cluster `openEmptyPglite`
 * starts from keeps them, as a first start's does.
 */
const withoutTemplateDatabases = ['template0', 'template1'].flatMap((name) => [`alter database ${name} is_template false`, `drop database ${name}`]);

/** PGlite itself as a `Db` (PgliteDb does not hand out its PGlite, whose dumpDataDir this needs). */
function dbOn(store: PGlite): Db {
  return {
    ...sqlOn(store),
    transaction: (work) => store.transaction((tx) => work(sqlOn(tx))),
    close: () => store.close(),
  };
}

function sqlOn(connection: Pick<PGlite, 'query' | 'exec'>): Sql {
  return {
    query: async <T>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> => {
      const result = await connection.query<T>(text, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    exec: async (script: string) => {
      await connection.exec(script);
    },
  };
}

/**
 * Builds the template into a new temporary file named after the migrations' fingerprint, and
 * next to it the new cluster it was migrated from (`<fingerprint>.empty.tar`, for
 * `openEmptyPglite`) and the same store after a bot's first start as a DATA_DIR for
 * `seedDataDir` (`<fingerprint>.data`; see `buildPgliteDumps`); returns the
 * file's path and a `remove()` for teardown.
 */
export async function writePgliteTemplate(): Promise<{ file: string; remove(): void }> {
  const fingerprint = migrationsFingerprint();
  const { empty, migrated, firstStarted } = await buildPgliteDumps();
  const dir = mkdtempSync(join(tmpdir(), 'sd-pglite-template-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const file = join(dir, `${fingerprint}.tar`);
  try {
    writeFileSync(file, new Uint8Array(await migrated.arrayBuffer()));
    writeFileSync(emptyDumpBeside(file), new Uint8Array(await empty.arrayBuffer()));
    // Unpacked by PGlite itself, so a DATA_DIR copied from it is one PGlite wrote.
    const store = new PGlite(dataDirBeside(file), { loadDataDir: firstStarted });
    await store.waitReady;
    await store.close();
  } catch (error) {
    remove();
    throw error;
  }
  return { file, remove };
}

const dataDirBeside = (templateFile: string) => templateFile.replace(/\.tar$/, '.data');
const emptyDumpBeside = (templateFile: string) => templateFile.replace(/\.tar$/, '.empty.tar');

/**
 * Fills the folder `dataDir` (created if missing, else empty) with a copy of globalSetup's migrated
 * store, as a bot leaves it after its first start (pg-boss's tables and queues included), and
 * returns true. Initialising a DATA_DIR costs a bot or CLI about 6 CPU-seconds on this machine
 * (initdb writes a cluster on disk, then the migrations run); copying one costs a fraction of
 * that. For tests whose subject is not the first start on an empty DATA_DIR
 * (test/bot/localMode.test.ts, the CLI test and migrate.test.ts keep that). False, leaving the
 * folder as it was, without a current template.
 */
export function seedDataDir(dataDir: string): boolean {
  const file = currentTemplateFile();
  if (!file || !existsSync(dataDirBeside(file))) return false;
  cpSync(dataDirBeside(file), dataDir, { recursive: true });
  return true;
}

/** The template file named by `env`, when it exists and matches the migrations on disk now. */
export function currentTemplateFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[templateFileEnv];
  if (!file || !existsSync(file)) return undefined;
  return basename(file) === `${migrationsFingerprint()}.tar` ? file : undefined;
}

let template: Promise<Blob> | undefined;

/**
 * The migrated template for this test process: globalSetup's file when it is current, else one
 * built here (once per test file).
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = currentTemplateFile();
    return file ? openAsBlob(file) : (await buildPgliteDumps()).migrated;
  })();
  return template;
}
