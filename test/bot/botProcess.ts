import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeArgs } from '../childBuild.js';
import { seedDataDir } from '../fakes/testDb.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** One JSON log line of the bot (pino), or `{ text }` for a line that is not JSON. */
export type LogLine = Record<string, any>;

/**
 * The real entry point `npm start` runs (`app/main.ts`, transpiled once per run: see
 * test/childBuild.ts), in a child process with a fresh DATA_DIR, port 0 and the given environment.
 * Nothing from the parent's bot settings leaks in.
 */
export class BotProcess {
  readonly stdout: LogLine[] = [];
  readonly stderr: string[] = [];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly dataDir: string;
  private lineWaiters: Array<() => void> = [];

  /**
   * `cwd`: the folder it starts in (where `npm start` looks for `.env`); the project root by default.
   * `seeded`: its DATA_DIR already holds a migrated store, as after a first start (see `seedDataDir`).
   */
  constructor(env: Record<string, string> = {}, cwd: string = root, { seeded = false } = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'sd-bot-'));
    if (seeded) seedDataDir(this.dataDir);
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(Microsoft|HOST$|PORT$|DATA_DIR$|DATABASE_URL$|CALENDAR_|AZURE_|ALLOW_)/.test(name)),
    );
    // Paths, not names, so the process may start in another folder (cwd) than the project's.
    this.child = spawn(process.execPath, nodeArgs('app/main.ts'), {
      cwd,
      env: { ...inherited, DATA_DIR: this.dataDir, PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        parsed = { text: line };
      }
      this.stdout.push(parsed);
      this.wake();
    });
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      this.stderr.push(line);
      this.wake();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    void this.exited.then(() => this.wake());
  }

  /** The start-up line that carries the bound address; rejects if the process ends first. */
  async listening(): Promise<LogLine & { address: string; port: number; url: string }> {
    let ended = false;
    void this.exited.then(() => (ended = true));
    for (;;) {
      const line = this.stdout.find((l) => l.msg === 'Strategy Desk is listening');
      if (line) return line as LogLine & { address: string; port: number; url: string };
      if (ended) throw new Error(`the bot exited before listening: ${this.stderr.join('\n')}`);
      await new Promise<void>((resolve) => this.lineWaiters.push(resolve));
    }
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Stops the process (SIGKILL if it does not stop on SIGTERM) and removes its data directory. */
  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private wake(): void {
    const waiters = this.lineWaiters;
    this.lineWaiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * Whether `url` answers a GET within `ms`: the status, or 'no answer' (refused, reset or too slow).
 * Measures liveness with a bounded wait, never a timing assertion.
 */
export async function answersWithin(url: string, ms: number): Promise<number | 'no answer'> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(ms) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no answer';
  }
}
