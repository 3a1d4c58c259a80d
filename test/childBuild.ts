import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Child processes the tests start (the bot, the CLI, scale-out workers, the fake Graph server)
 * run the project's TypeScript. Under tsx every start pays for its loader (a hooks thread that
 * resolves, reads and checks its cache for each of the few hundred modules): about a second of
 * CPU a start on the 2-core test machine. globalSetup instead transpiles the sources once per run
 * with esbuild - the transform tsx itself applies - into a folder that mirrors the project (so
 * `import.meta.url` paths to migrations, rotas and card JSON still resolve, and packages resolve
 * from the project's node_modules), and children start from there with plain `node`: the scripts
 * they start as (`childEntries`) each bundled into one file, the rest as transpiled copies.
 *
 * The build records a fingerprint of the sources it was made from; `nodeArgs` checks it at each
 * start and falls back to tsx if a source changed since (watch mode), so a child never runs stale
 * code.
 */

const root = resolve(import.meta.dirname, '..');

/** The environment variable through which globalSetup hands the build folder to the workers. */
export const childBuildEnv = 'SD_TEST_CHILD_BUILD';

/** Folders holding the code children run (their TypeScript is transpiled, their JSON and SQL copied). */
const sourceFolders = ['app', 'bot', 'cards', 'manifest', 'scheduling', 'scripts', 'test'];
/** What the suite and the manifest build write, not code. */
const skipped = new Set([join(root, 'test', '.artifacts'), join(root, 'test', '.certs'), join(root, 'manifest', 'build')]);

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipped.has(path)) walk(path);
      } else if (/\.(ts|json|sql)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const folder of sourceFolders) walk(join(root, folder));
  // Copied as it is: scripts read it beside their folder (the manifest's version), and it makes
  // the copy's .js files ES modules as the project's are.
  files.push(join(root, 'package.json'));
  return files.sort();
}

/** A hash of every source's path, size and modification time (cheap: no file is read). */
function sourcesFingerprint(files: readonly string[] = sourceFiles()): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Transpiles every source into a new folder under test/.artifacts and returns it with `remove()`.
 * The folder holds `fingerprint` (see `sourcesFingerprint`).
 */
export async function writeChildBuild(): Promise<{ dir: string; remove(): void }> {
  const files = sourceFiles();
  const fingerprint = sourcesFingerprint(files);
  mkdirSync(join(root, 'test', '.artifacts'), { recursive: true });
  const dir = mkdtempSync(join(root, 'test', '.artifacts', 'child-build-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: files.filter((file) => file.endsWith('.ts')),
      outdir: dir,
      outbase: root,
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`, // as tsx does: import attributes (JSON cards) kept
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'silent',
    });
    for (const file of files.filter((f) => !f.endsWith('.ts'))) {
      const target = join(dir, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
    // The fake Graph's certificate folder is found next to its code: the same one, not a new one.
    symlinkSync(join(root, 'test', '.certs'), join(dir, 'test', '.certs'));
    await bundleEntries(dir);
    writeFileSync(join(dir, 'fingerprint'), fingerprint);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

/**
 * The scripts the tests start as processes (see `nodeArgs`). Each is also bundled, with the
 * packages it imports, into one file beside its transpiled copy (`app/main.bundle.js`): a start
 * then reads and links one module instead of about 2,000, which cost a bot about 0.6 of its 1.9
 * CPU-seconds to listening (measured with `/usr/bin/time` over a seeded DATA_DIR). Over the 21
 * files that start processes, the 44 node children took 34.8 CPU-seconds instead of 43.9, for
 * 2.9 more in esbuild. A source a child imported by a computed path would come from its
 * transpiled copy (none is). The tests that start children are what shows a bundle works (a wrong
 * address fails sharedDataDir.test.ts, say).
 */
const childEntries: readonly string[] = ['app/main.ts', 'app/cli.ts', 'manifest/build.ts', 'test/fakes/graph/serve.ts', 'test/scale/bookingWorker.ts', 'test/scale/jobWorker.ts'];

/**
 * Packages a bundle imports at run time instead of holding: PGlite and its socket server find
 * their WebAssembly and data files beside their own code; pino starts its transports from files
 * of its own; dtrace-provider is an optional native addon restify tries.
 */
const unbundled = ['@electric-sql/pglite', '@electric-sql/pglite/*', '@electric-sql/pglite-socket', 'pino', 'dtrace-provider'];

/**
 * Bundles `childEntries` into `dir`. A bundle holds the project's modules and the packages they
 * import, each project module but the entry with `import.meta.url` (and `dirname`, `filename`)
 * replaced by its transpiled copy's address in `dir`, so paths to migrations, rotas and card JSON
 * resolve as they do unbundled. CommonJS packages inside an ES module bundle get `require` from `createRequire`.
 */
async function bundleEntries(dir: string): Promise<void> {
  await build({
    entryPoints: childEntries.map((entry) => ({ in: join(root, entry), out: entry.replace(/\.ts$/, '.bundle') })),
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    tsconfig: join(root, 'tsconfig.json'),
    external: unbundled,
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-addresses',
        setup(context) {
          context.onLoad({ filter: /\.ts$/ }, (args) => {
            if (args.path.includes(`${sep}node_modules${sep}`) || !args.path.startsWith(root + sep)) return undefined;
            const source = relative(root, args.path);
            // An entry keeps its own address: it sits beside its copy, and "am I the script node
            // runs" compares it with process.argv[1].
            if (childEntries.includes(source.split(sep).join('/'))) return undefined;
            const copy = join(dir, source.replace(/\.ts$/, '.js'));
            const contents = readFileSync(args.path, 'utf8')
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(copy).href))
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(copy)))
              .replaceAll('import.meta.filename', JSON.stringify(copy));
            return { contents, loader: 'ts' };
          });
        },
      },
    ],
  });
}

/** The build folder named by `env`, when it exists (whether current or not). */
export function childBuildDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env[childBuildEnv];
  return dir && existsSync(join(dir, 'fingerprint')) ? dir : undefined;
}

/**
 * The `node` arguments that run the project's TypeScript file `script` (relative to the project
 * root, e.g. 'app/main.ts'): the transpiled copy when globalSetup's build is current, else the
 * source through tsx (by its path, so the child may start in any folder).
 */
export function nodeArgs(script: string): string[] {
  const dir = childBuildDir();
  if (dir && readFileSync(join(dir, 'fingerprint'), 'utf8') === sourcesFingerprint()) {
    return [join(dir, script.replace(/\.ts$/, childEntries.includes(script) ? '.bundle.js' : '.js'))];
  }
  return ['--import', pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(root, script)];
}
