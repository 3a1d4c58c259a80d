import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import { DurationSequencer, durationsFile, readRecordedDurations } from './durationSequencer.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A sequencer over a project root holding `recorded`, with vitest's cache knowing `cached` (ms by key). */
function sequencerWith(recorded: Record<string, number>, cached: Record<string, number>) {
  root = mkdtempSync(join(tmpdir(), 'sd-sequencer-'));
  mkdirSync(join(root, 'test'), { recursive: true });
  writeFileSync(join(root, durationsFile), JSON.stringify(recorded));
  const ctx = {
    config: { root },
    cache: { getFileTestResults: (key: string) => (key in cached ? { duration: cached[key], failed: false } : undefined) },
  };
  const sequencer = new DurationSequencer(ctx as never);
  const spec = (project: string, path: string) =>
    ({ project: { name: project, config: { sequence: { groupOrder: 0 } } }, moduleId: join(root!, path) }) as unknown as TestSpecification;
  const order = async (specs: TestSpecification[]) => (await sequencer.sort(specs)).map((s) => `${s.project.name}:${s.moduleId.slice(root!.length + 1)}`);
  return { spec, order };
}

describe('DurationSequencer', () => {
  it('starts the longest files first, by vitest cache, else by the recorded durations; unknown files first', async () => {
    const { spec, order } = sequencerWith({ 'utc:test/b.test.ts': 9_000, 'utc:test/c.test.ts': 100, 'utc:test/a.test.ts': 50 }, { 'utc:test/a.test.ts': 20_000 });
    expect(await order([spec('utc', 'test/c.test.ts'), spec('utc', 'test/a.test.ts'), spec('utc', 'test/new.test.ts'), spec('utc', 'test/b.test.ts')])).toEqual([
      'utc:test/new.test.ts',
      'utc:test/a.test.ts', // the cache's 20 s outranks the recorded 50 ms
      'utc:test/b.test.ts',
      'utc:test/c.test.ts',
    ]);
  });

  it('runs the projects one after another, in name order, as vitest does', async () => {
    const { spec, order } = sequencerWith({ 'utc:test/a.test.ts': 9_000, 'los-angeles:test/a.test.ts': 10 }, {});
    expect(await order([spec('utc', 'test/a.test.ts'), spec('los-angeles', 'test/a.test.ts')])).toEqual(['los-angeles:test/a.test.ts', 'utc:test/a.test.ts']);
  });

  it('reads no durations from a missing or broken file, and keeps only numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-durations-'));
    try {
      expect(readRecordedDurations(join(dir, 'missing.json'))).toEqual({});
      writeFileSync(join(dir, 'broken.json'), '{ not json');
      expect(readRecordedDurations(join(dir, 'broken.json'))).toEqual({});
      writeFileSync(join(dir, 'mixed.json'), JSON.stringify({ 'utc:a': 5, 'utc:b': 'slow', 'utc:c': null }));
      expect(readRecordedDurations(join(dir, 'mixed.json'))).toEqual({ 'utc:a': 5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
