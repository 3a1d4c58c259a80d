import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A running Microsoft 365 Agents Playground. */
export interface RunningPlayground {
  /** The web client to open in a browser, e.g. http://localhost:56150 */
  readonly url: string;
  readonly child: ChildProcess;
  /** Stops the playground and waits for it to exit. */
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages */
  readonly endpoint: string;
  /** 0 for any free port; the playground itself falls back to a random port if this one is taken. */
  readonly port?: number;
  /** Each line the playground prints, for a caller that wants to show or keep its log. */
  readonly onLine?: (line: string) => void;
}

const playgroundBin = join(dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');

/** Sends SIGTERM and resolves once the child has exited (at once if it already has). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Calls `onLine` for each complete line of a child's output stream. */
export function eachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop() ?? '';
    lines.forEach(onLine);
  });
}

/**
 * Starts the Agents Playground (channel `msteams`) against a bot, fully offline: no client id or
 * secret (so the bot must accept unauthenticated requests), no telemetry, no browser opened.
 * Resolves with its URL once it prints the port it listens on ("Listening on <port>").
 */
export function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const args = ['start', '-e', options.endpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(options.port ?? 56150)];
  const child = spawn(process.execPath, [playgroundBin, ...args], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const onLine = (line: string) => {
      options.onLine?.(line);
      seen.push(line);
      const port = /Listening on (\d+)/.exec(line)?.[1];
      if (port) resolve({ url: `http://localhost:${port}`, child, stop: () => stopChild(child) });
    };
    eachLine(child.stdout, onLine);
    eachLine(child.stderr, onLine);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`Agents Playground exited (${signal ?? code}) before listening:\n${seen.slice(-20).join('\n')}`)));
  });
}
