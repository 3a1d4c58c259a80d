import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, DataDirLock, DataDirLockError, lockFileName } from '../../../../scheduling/adapters/pg/DataDirLock.js';

let dir: string;
const children: ChildProcess[] = [];

/** The pid of a process that has exited: nothing runs under it now. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '']);
  return done.pid!;
}

/** A live process that is not this one (a stand-in for another bot holding the folder). */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

const lockPath = () => join(dir, lockFileName);
const ownerPid = () => Number(readFileSync(lockPath(), 'utf8').split('\n')[0]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-lock-'));
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('DataDirLock', () => {
  it("takes a free DATA_DIR, writing the owner's pid, and release removes the lock file", async () => {
    const lock = await DataDirLock.take(dir);
    expect(ownerPid()).toBe(process.pid);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses while the owner runs, naming its pid, and changes nothing', async () => {
    const pid = livePid();
    writeFileSync(lockPath(), `${pid}\nsomeone-else\n`);
    const error = await DataDirLock.take(dir, 'stop it first').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).code).toBe('store.in-use');
    expect((error as Error).message).toBe(`DATA_DIR ${resolve(dir)} is in use by another Strategy Desk process (pid ${pid}); stop it first`);
    expect(readdirSync(dir)).toEqual([lockFileName]);
    expect(readFileSync(lockPath(), 'utf8')).toBe(`${pid}\nsomeone-else\n`);
  });

  it('refuses a second opener in the same process while the first holds the lock', async () => {
    const first = await DataDirLock.take(dir);
    await expect(DataDirLock.take(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    first.release();
    (await DataDirLock.take(dir)).release();
  });

  it('takes over a lock whose owner died (kill -9 leaves the file behind)', async () => {
    writeFileSync(lockPath(), `${deadPid()}\nthe-dead-one\n`);
    const lock = await DataDirLock.take(dir);
    expect(ownerPid()).toBe(process.pid);
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('takes over a lock holding its own pid that it never took (a restarted container reuses pids)', async () => {
    writeFileSync(lockPath(), `${process.pid}\nan-earlier-life\n`);
    const lock = await DataDirLock.take(dir);
    expect(readFileSync(lockPath(), 'utf8')).not.toContain('an-earlier-life');
    lock.release();
  });

  it('leaves alone, on release, a lock that is no longer its own', async () => {
    const lock = await DataDirLock.take(dir);
    writeFileSync(lockPath(), `${livePid()}\nput-there-by-hand\n`);
    lock.release();
    expect(readFileSync(lockPath(), 'utf8')).toContain('put-there-by-hand');
  });

  it('refuses, changing nothing, a lock file without a pid in it', async () => {
    writeFileSync(lockPath(), 'hello\n');
    await expect(DataDirLock.take(dir)).rejects.toBeInstanceOf(DataDirLockError);
    expect(readFileSync(lockPath(), 'utf8')).toBe('hello\n');
  });

  it('refuses, changing nothing, when a process died in the middle of a takeover', async () => {
    writeFileSync(lockPath(), `${deadPid()}\nthe-dead-one\n`);
    writeFileSync(`${lockPath()}.takeover`, `${deadPid()}\nthe-taker\n`);
    await expect(DataDirLock.take(dir)).rejects.toThrow(/died while taking over .* delete both files/);
    expect(readFileSync(lockPath(), 'utf8')).toContain('the-dead-one');
  });

  it("waits for another process that is taking over a dead owner's lock, then refuses in favour of it", async () => {
    writeFileSync(lockPath(), `${deadPid()}\nthe-dead-one\n`);
    const taker = livePid();
    writeFileSync(`${lockPath()}.takeover`, `${taker}\nthe-taker\n`);
    // The other process finishes its takeover a moment later: its lock in place, its takeover file gone.
    setTimeout(() => {
      writeFileSync(lockPath(), `${taker}\nthe-new-owner\n`);
      rmSync(`${lockPath()}.takeover`);
    }, 50);
    const error = await DataDirLock.take(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).ownerPid).toBe(taker);
    expect(readFileSync(lockPath(), 'utf8')).toContain('the-new-owner');
  });
});
