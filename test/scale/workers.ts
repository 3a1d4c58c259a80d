import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeArgs } from '../childBuild.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerLine {
  readonly ready?: boolean;
  readonly key?: string;
  readonly bookingId?: string;
  readonly status?: string;
  readonly eventId?: string;
  readonly start?: string;
  readonly end?: string;
  readonly error?: string;
}

/** A `bookingWorker.ts` process: a separate Strategy Desk service instance. */
export class Worker {
  readonly lines: WorkerLine[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly ready: Promise<void>;

  constructor(args: { now: string; referred: string; prefix: string; count: number; env: Record<string, string> }) {
    this.child = spawn(process.execPath, [...nodeArgs('test/scale/bookingWorker.ts'), '--now', args.now, '--referred', args.referred, '--prefix', args.prefix, '--count', String(args.count)], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...args.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.ready = new Promise((resolve, reject) => {
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        const parsed = JSON.parse(line) as WorkerLine;
        this.lines.push(parsed);
        if (parsed.ready) resolve();
      });
      void this.exited.then((code) => reject(new Error(`worker ${args.prefix} exited (${code}) before it was ready: ${this.stderr.join('')}`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  go(): void {
    this.child.stdin.end('go\n');
  }

  /** Waits for a clean exit and returns the outcome lines. */
  async results(): Promise<WorkerLine[]> {
    const code = await this.exited;
    if (code !== 0) throw new Error(`worker exited with ${code}: ${this.stderr.join('')}`);
    return this.lines.filter((l) => !l.ready);
  }

  kill9(): void {
    this.child.kill('SIGKILL');
  }
}
