/**
 * `npm run test:durations`: records how long each test file took in the last whole run (from
 * vitest's own cache, node_modules/.vite/vitest) into test/fileDurations.json, which orders a run
 * that has no such cache (a clean clone, CI): see test/durationSequencer.ts. Run it after a whole
 * `npm test` when files were added or their times changed much; only the order depends on it.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { durationsFile } from './durationSequencer.js';

const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, 'node_modules', '.vite', 'vitest');

/** The newest vitest results cache, if any run has left one. */
function newestResults(): string | undefined {
  if (!existsSync(cacheDir)) return undefined;
  const files = readdirSync(cacheDir)
    .map((entry) => join(cacheDir, entry, 'results.json'))
    .filter((file) => existsSync(file));
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

const results = newestResults();
if (!results) {
  console.error('test:durations: no vitest results yet (run npm test first)');
  process.exit(1);
}
const { results: entries } = JSON.parse(readFileSync(results, 'utf8')) as { results: Array<[string, { duration?: number }]> };
const durations: Record<string, number> = {};
for (const [key, { duration }] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
  const path = key.slice(key.indexOf(':') + 1);
  // Only files that still exist, to the nearest 100 ms (the order needs no more).
  if (typeof duration === 'number' && existsSync(join(root, path))) durations[key] = Math.round(duration / 100) * 100;
}
writeFileSync(join(root, durationsFile), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`test:durations: ${Object.keys(durations).length} files written to ${durationsFile}`);
