import { childBuildDir, childBuildEnv, writeChildBuild } from './childBuild.js';
import { ensureFakeGraphCert } from './fakes/graph/fakeGraphCert.js';
import { currentTemplateFile, templateFileEnv, writePgliteTemplate } from './fakes/testDb.js';

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
 * The first project builds both; the others find them and reuse them; the first one's teardown
 * (which runs last) removes them.
 */
export default async function setup(): Promise<() => void> {
  const { caFile } = await ensureFakeGraphCert();
  process.env.NODE_EXTRA_CA_CERTS = caFile;

  const removals: Array<() => void> = [];
  if (!currentTemplateFile()) {
    const template = await writePgliteTemplate();
    process.env[templateFileEnv] = template.file;
    removals.push(() => {
      if (process.env[templateFileEnv] === template.file) delete process.env[templateFileEnv];
      template.remove();
    });
  }
  if (!childBuildDir()) {
    const build = await writeChildBuild();
    process.env[childBuildEnv] = build.dir;
    removals.push(() => {
      if (process.env[childBuildEnv] === build.dir) delete process.env[childBuildEnv];
      build.remove();
    });
  }
  return () => {
    for (const remove of removals) remove();
  };
}
