import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: longest first, so the long waits (the Playground sessions, the
 * job engines' polls, the processes the scale tests start) overlap the many short files, and the
 * run does not end on one long file while the other worker sits idle.
 *
 * Vitest orders by each file's duration in its own cache (node_modules/.vite/vitest), which a
 * clean clone (CI) does not have: it then starts the largest files first, and a short file with
 * long waits (the job contract on PostgreSQL) ran last, alone, for 10 s. So when its cache does
 * not know a file, this sequencer takes the duration from `test/fileDurations.json`, written from
 * a whole run by `npm run test:durations`. A file in neither starts first (it may be slow), as in
 * vitest. Projects still run one after another, as vitest runs them.
 */
export class DurationSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const recorded = readRecordedDurations(resolve(root, durationsFile));
    const durationOf = (spec: TestSpecification): number | undefined => {
      const key = fileKey(spec.project.name, relative(root, spec.moduleId));
      return this.ctx.cache.getFileTestResults(key)?.duration ?? recorded[key];
    };
    return [...files].sort((a, b) => {
      const groupOrder = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (groupOrder !== 0) return groupOrder;
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      const [da, db] = [durationOf(a), durationOf(b)];
      if (da === undefined || db === undefined) return da === undefined ? (db === undefined ? 0 : -1) : 1;
      return db - da;
    });
  }
}

/** Where the recorded durations live, from the project's root. */
export const durationsFile = 'test/fileDurations.json';

/** How vitest names a file in its cache, and this sequencer in `test/fileDurations.json`. */
export const fileKey = (project: string, path: string) => `${project}:${path.split('\\').join('/')}`;

/** `{ "utc:test/bot/fuzz.test.ts": 21800, ... }` (milliseconds), or nothing if the file is missing or unreadable. */
export function readRecordedDurations(file: string): Record<string, number> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return {};
  }
}
