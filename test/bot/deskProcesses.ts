import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eachLine } from '../../scripts/agentsPlayground.js';
import { nodeArgs } from '../childBuild.js';

const root = resolve(import.meta.dirname, '../..');

/** A port nobody listens on right now (the bot's config has no "any port" value). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.once('error', fail);
  });
}

/** The environment a spawned bot or CLI gets: the embedded store in `dataDir`, no Azure. */
function deskEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, CALENDAR_BACKEND: 'local', ...extra };
  // A developer's Bot Framework or database settings must not leak into these processes.
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'DATABASE_URL']) delete env[name];
  return env;
}

/**
 * `app/main.ts` in a process of its own (`node` itself, as `npm run dev` starts it, so its pid is
 * the bot itself and a SIGKILL reaches the bot, not a wrapper; transpiled once per run: see
 * test/childBuild.ts).
 */
export class BotProcess {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  private constructor(readonly port: number, dataDir: string) {
    this.child = spawn(process.execPath, nodeArgs('app/main.ts'), {
      cwd: root,
      env: deskEnv(dataDir, { PORT: String(port), LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done(code ?? (signal ? -1 : null))));
    eachLine(this.child.stdout, (line) => this.output.push(line));
    eachLine(this.child.stderr, (line) => this.output.push(line));
  }

  /** Starts a bot on `dataDir` and a free port; does not wait for it (see `listening`). */
  static async spawn(dataDir: string): Promise<BotProcess> {
    return new BotProcess(await freePort(), dataDir);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once the bot logs that it listens; rejects if it exits first. */
  listening(): Promise<void> {
    return new Promise((done, fail) => {
      const check = () => {
        if (this.output.some((line) => line.includes('Strategy Desk is listening'))) return done();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return fail(new Error(`the bot exited before listening:\n${this.output.join('\n')}`));
        setTimeout(check, 50);
      };
      check();
    });
  }

  /** POSTs an activity to the bot's /api/messages as Teams would; returns the HTTP status. */
  async post(activity: unknown): Promise<number> {
    const response = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await response.text();
    return response.status;
  }

  /** SIGTERM (a clean shutdown) and its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: the bot gets no chance to clean up, as after `kill -9` or a power cut. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `app/cli.ts` in a process of its own on `dataDir`, as `npm run book` would. */
export function runCli(dataDir: string, argv: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeArgs('app/cli.ts'), ...argv], {
      cwd: root,
      env: deskEnv(dataDir, { LOG_LEVEL: 'warn', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
