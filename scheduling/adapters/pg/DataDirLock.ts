import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeskError } from '../../services/errors.js';

/** The lock file's name inside DATA_DIR; it holds the owner's pid. */
export const lockFileName = 'strategy-desk.lock';

/**
 * Another live process has this DATA_DIR open; nothing was opened or changed.
 * Rule: PLATFORM.md "PGlite and pg-boss" (two processes on one data dir can corrupt it).
 */
export class DataDirInUseError extends DeskError {
  readonly code = 'store.in-use';
  constructor(readonly dataDir: string, readonly ownerPid: number, advice: string) {
    super(`DATA_DIR ${dataDir} is in use by another Strategy Desk process (pid ${ownerPid}); ${advice}`);
    this.name = 'DataDirInUseError';
  }
}

/** A lock file that cannot be judged safely (see the message); nothing was opened or changed. */
export class DataDirLockError extends DeskError {
  readonly code = 'store.lock-unclear';
  constructor(message: string) {
    super(message);
    this.name = 'DataDirLockError';
  }
}

interface Owner {
  readonly pid: number;
  /** The whole file: pid and a token unique to one taking, so a takeover compares exactly. */
  readonly record: string;
}

/** Tokens of the locks this process holds: its own pid in a lock file is only "alive" for these. */
const heldHere = new Set<string>();

function readOwner(path: string): Owner | undefined {
  let record: string;
  try {
    record = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pid, token] = record.split('\n');
  if (!/^\d+$/.test(pid ?? '') || !token) throw new DataDirLockError(`${path} is not a Strategy Desk lock file (no pid in it); if no Strategy Desk process uses this DATA_DIR, delete the file`);
  return { pid: Number(pid), record };
}

/** Whether the lock's owner still runs. Our own pid counts only for locks taken by this process. */
function isAlive(owner: Owner): boolean {
  if (owner.pid === process.pid) return heldHere.has(owner.record.split('\n')[1]!);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `path` holding `record`, or returns false if it exists. The record is written to a
 * private file first and linked into place: link(2), like open(2) with O_EXCL, fails atomically
 * when the name exists, and there is no moment when the lock exists without its owner's pid.
 */
function createExclusive(path: string, record: string, token: string): boolean {
  const draft = `${path}.${token}`;
  writeFileSync(draft, record, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Who may open an embedded store's DATA_DIR: one process at a time. The lock file
 * (`strategy-desk.lock`) holds the owner's pid; it is taken atomically, refused while the owner
 * runs, taken over when the owner has died (kill -9, power cut), and removed by `release`.
 * Taking over a dead owner's lock happens under a second, short-lived file
 * (`strategy-desk.lock.takeover`) and only if the lock still holds the record judged dead, so
 * two processes starting together after a crash cannot both win.
 * Rule: PLATFORM.md "PGlite and pg-boss"; issue "Close the holes found in review", item 8.
 * @example
 * const lock = await DataDirLock.take('./data'); // DataDirInUseError while a bot has it open
 * try { ... } finally { lock.release(); }
 */
export class DataDirLock {
  private constructor(readonly path: string, private readonly owner: Owner) {}

  /**
   * Takes DATA_DIR's lock, or throws `DataDirInUseError` (`advice` ends its message) without
   * changing anything when a live process holds it.
   */
  static async take(dataDir: string, advice = 'only one process may open it; stop that one first'): Promise<DataDirLock> {
    const dir = resolve(dataDir);
    const path = join(dir, lockFileName);
    for (let attempt = 0; attempt < 50; attempt++) {
      const owner = readOwner(path);
      if (owner && isAlive(owner)) throw new DataDirInUseError(dir, owner.pid, advice);
      if (owner) {
        await DataDirLock.removeDead(path, owner);
        continue;
      }
      const token = randomUUID();
      const mine = { pid: process.pid, record: `${process.pid}\n${token}\n` };
      if (createExclusive(path, mine.record, token)) {
        heldHere.add(token);
        return new DataDirLock(path, mine);
      }
      // Someone took it between our read and our link: look again.
    }
    throw new DataDirLockError(`could not take ${path}: other processes keep taking and releasing it`);
  }

  /** Removes the lock if it is still ours (it is, unless someone deleted it by hand). */
  release(): void {
    heldHere.delete(this.owner.record.split('\n')[1]!);
    if (readOwner(this.path)?.record === this.owner.record) unlinkSync(this.path);
  }

  /** Removes a dead owner's lock, under the takeover file, if it still holds that owner's record. */
  private static async removeDead(path: string, dead: Owner): Promise<void> {
    const guard = `${path}.takeover`;
    const token = randomUUID();
    const record = `${process.pid}\n${token}\n`;
    if (!createExclusive(guard, record, token)) {
      const other = readOwner(guard);
      if (!other) return;
      if (other.pid !== process.pid && !isAlive(other)) {
        throw new DataDirLockError(`${guard} was left by a process that died while taking over ${path}; if no Strategy Desk process uses this DATA_DIR, delete both files`);
      }
      // Another process is taking over right now: let it finish, then look again.
      await sleep(20);
      return;
    }
    try {
      if (readOwner(path)?.record === dead.record) unlinkSync(path);
    } finally {
      unlinkSync(guard);
    }
  }
}
