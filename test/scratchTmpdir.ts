import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The temporary folder of a test run: a new folder on a memory file system (tmpfs) when the
 * machine has one at /dev/shm and no TMPDIR is set, so the run's scratch files - the dozens of
 * embedded stores (DATA_DIRs) tests seed, start bots and the command line on, and delete - never
 * reach the disk. On the test machine's disk (ext4, mounted with `discard`) copying a seeded
 * store cost 0.7-0.85 CPU-seconds and deleting it more; on tmpfs the copy costs 0.04-0.17, and
 * PostgreSQL's fsyncs cost nothing. Every process of the run finds it through TMPDIR
 * (`os.tmpdir()`); `remove()` deletes it with whatever a test left in it.
 * @returns undefined, leaving TMPDIR alone, when TMPDIR is set or there is no writable tmpfs.
 */
export function memoryTmpdir(env: NodeJS.ProcessEnv = process.env, mounts = '/proc/mounts', root = '/dev/shm'): { path: string; remove(): void } | undefined {
  if (env.TMPDIR) return undefined;
  let table: string;
  try {
    table = readFileSync(mounts, 'utf8');
  } catch {
    return undefined;
  }
  const isTmpfs = table.split('\n').some((line) => {
    const [, mountPoint, type] = line.split(' ');
    return mountPoint === root && type === 'tmpfs';
  });
  if (!isTmpfs) return undefined;
  let path: string;
  try {
    path = mkdtempSync(join(root, 'strategy-desk-test-'));
  } catch {
    return undefined;
  }
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
