import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../manifest/zip/writeZip.js';
import { readZip } from '../readZip.js';

const entries = [
  { name: 'manifest.json', data: Buffer.from('{"name":"Strategy Desk"}\n') },
  { name: 'color.png', data: Buffer.alloc(5000, 7) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('writeZip', () => {
  it('gives back every entry, in order, with its exact bytes', () => {
    const files = readZip(writeZip(entries));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'empty.txt']);
    for (const { name, data } of entries) expect(files.get(name)!.equals(data), name).toBe(true);
  });

  it('compresses: repetitive data takes less room than stored', () => {
    expect(writeZip(entries).length).toBeLessThan(5000);
  });

  it('writes the same bytes for the same files, so packages are reproducible', () => {
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
  });

  // In CI a missing unzip fails this test (.ci/run installs it); elsewhere it is skipped.
  it.skipIf(!existsSync('/usr/bin/unzip') && process.env.CI !== 'true')('passes Info-ZIP\'s integrity test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-zip-'));
    try {
      writeFileSync(join(dir, 'p.zip'), writeZip(entries));
      const report = execFileSync('/usr/bin/unzip', ['-t', join(dir, 'p.zip')], { encoding: 'utf8' });
      expect(report).toContain('No errors detected');
      expect(report.match(/^ +testing: .+ OK$/gm)).toHaveLength(3); // not /OK/: the temp folder's random name can hold it
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
