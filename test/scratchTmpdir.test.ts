import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryTmpdir } from './scratchTmpdir.js';

describe('memoryTmpdir', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A folder standing in for /dev/shm, and a mount table that says what it is. */
  function machine(type: string): { root: string; mounts: string } {
    const root = mkdtempSync(join(tmpdir(), 'sd-shm-'));
    const etc = mkdtempSync(join(tmpdir(), 'sd-mounts-'));
    made.push(root, etc);
    const mounts = join(etc, 'mounts');
    writeFileSync(mounts, `/dev/vda / ext4 rw,relatime,discard 0 0\nshm ${root} ${type} rw,nosuid,nodev 0 0\n`);
    return { root, mounts };
  }

  it('makes a new folder on the tmpfs, and removes it with what was left in it', () => {
    const { root, mounts } = machine('tmpfs');
    const scratch = memoryTmpdir({}, mounts, root)!;
    expect(scratch.path.startsWith(join(root, 'strategy-desk-test-'))).toBe(true);
    expect(statSync(scratch.path).isDirectory()).toBe(true);
    writeFileSync(join(scratch.path, 'left-behind'), 'x');
    scratch.remove();
    expect(existsSync(scratch.path)).toBe(false);
  });

  it('leaves TMPDIR alone when it is set, or when the folder is not a tmpfs or not in the mount table', () => {
    const tmpfs = machine('tmpfs');
    expect(memoryTmpdir({ TMPDIR: '/somewhere/else' }, tmpfs.mounts, tmpfs.root)).toBeUndefined();
    const disk = machine('ext4');
    expect(memoryTmpdir({}, disk.mounts, disk.root)).toBeUndefined();
    expect(memoryTmpdir({}, join(tmpfs.root, 'no-such-mounts'), tmpfs.root)).toBeUndefined();
  });

  it('leaves TMPDIR alone when the tmpfs cannot be written', () => {
    const { root, mounts } = machine('tmpfs');
    const gone = join(root, 'gone'); // listed as a tmpfs, but not there to write in
    writeFileSync(mounts, `shm ${gone} tmpfs rw 0 0\n`);
    expect(memoryTmpdir({}, mounts, gone)).toBeUndefined();
    expect(memoryTmpdir({}, mounts, root)).toBeUndefined(); // and the folder itself is not listed
  });
});
