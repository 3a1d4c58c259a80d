import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeArgs } from '../childBuild.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A `jobWorker.ts` process: one instance's job engine. */
export class JobWorker {
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly ready: Promise<void>;

  constructor(env: Record<string, string>) {
    // From globalSetup's build, without tsx's loader (about 1.5 CPU-s a start), as the bot processes start.
    this.child = spawn(process.execPath, nodeArgs('test/scale/jobWorker.ts'), { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.ready = new Promise((resolve, reject) => {
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        if ((JSON.parse(line) as { ready?: boolean }).ready) resolve();
      });
      void this.exited.then(({ code }) => reject(new Error(`job worker exited (${code}) before it was ready: ${this.stderr.join('')}`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  kill9(): void {
    this.child.kill('SIGKILL');
  }

  /** SIGTERM, and waits for the exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
