import { randomBytes } from 'node:crypto';
import { childBuildDir, childBuildEnv, writeChildBuild } from './childBuild.js';
import { ensureFakeGraphCert } from './fakes/graph/fakeGraphCert.js';
import { dropPooledDatabases, pooledDatabaseRunEnv } from './fakes/reusedPostgres.js';
import { currentTemplateFile, templateFileEnv, testPgServer, writePgliteTemplate } from './fakes/testDb.js';
import { memoryTmpdir } from './scratchTmpdir.js';

/**
 * Runs in vitest's main process before any worker starts (once per project, one after another).
 * Workers are forked after this, with the main process's environment, so what is set here reaches
 * every worker:
 * - NODE_EXTRA_CA_CERTS is read by each worker's Node at start-up: the real Graph client (undici
 *   fetch) and the real Azure credential (node:https) then trust the loopback fake Graph. Setting
 *   it from inside a worker would be too late.
 * - SD_TEST_PGLITE_TEMPLATE names one embedded store migrated with the shipped migrations, which
 *   each `openTestPglite()` copies instead of running initdb (see test/fakes/testDb.ts).
 * - SD_TEST_CHILD_BUILD names the sources transpiled once, from which the bot, CLI and worker
 *   processes the tests start run without tsx (see test/childBuild.ts).
 * - TMPDIR names a folder on a memory file system, when the machine has one and TMPDIR was not
 *   set (test/scratchTmpdir.ts): the run's scratch stores never reach the disk.
 * - SD_TEST_RUN names this run, so the databases the workers keep for reuse on the PostgreSQL
 *   server (test/fakes/reusedPostgres.ts) can be dropped here at the end.
 * The first project builds both; the others find them and reuse them; the first one's teardown
 * (which runs last) removes them. The three are made side by side (the certificate with WebCrypto,
 * the template in PGlite, the build by esbuild's own process): every test waits for them.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const removals: Array<() => void | Promise<void>> = [];
  // First, so the PGlite template and every test's scratch folders land there (see
  // scratchTmpdir.ts).
  const scratch = memoryTmpdir();
  if (scratch) process.env.TMPDIR = scratch.path;
  if (!process.env[pooledDatabaseRunEnv]) {
    process.env[pooledDatabaseRunEnv] = randomBytes(4).toString('hex');
    removals.push(async () => {
      // No server (ECONNREFUSED): no test made one, and those that needed it failed, saying so.
      await dropPooledDatabases(testPgServer).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'ECONNREFUSED') console.warn(`globalSetup: could not drop this run's pooled test databases: ${String(error)}`);
      });
      delete process.env[pooledDatabaseRunEnv];
    });
  }
  /** Hands a made folder or file to the workers through `name`, and removes it at teardown. */
  const handOn = (name: string) => (made: { readonly path: string; remove(): void }) => {
    process.env[name] = made.path;
    removals.push(() => {
      if (process.env[name] === made.path) delete process.env[name];
      made.remove();
    });
  };
  const made = await Promise.allSettled([
    ensureFakeGraphCert().then(({ caFile }) => {
      process.env.NODE_EXTRA_CA_CERTS = caFile;
    }),
    currentTemplateFile() ? undefined : writePgliteTemplate().then(({ file, remove }) => handOn(templateFileEnv)({ path: file, remove })),
    childBuildDir() ? undefined : writeChildBuild().then(({ dir, remove }) => handOn(childBuildEnv)({ path: dir, remove })),
  ]);
  const removeAll = async () => {
    for (const remove of removals) await remove();
    if (scratch) {
      if (process.env.TMPDIR === scratch.path) delete process.env.TMPDIR;
      scratch.remove();
    }
  };
  const failed = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
  if (failed) {
    await removeAll();
    throw failed.reason;
  }
  return removeAll;
}
