import { startServer, type RunningServer } from '../../bot/server.js';
import type { DeskOptions } from '../../app/openDesk.js';
import { LateNotifier } from '../../app/LateNotifier.js';
import type { Notifier } from '../../scheduling/ports/Notifier.js';
import { openTestDesk, type TestDesk } from '../fakes/testDesk.js';
import { LoopbackConnector } from './LoopbackConnector.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: any;
}

export interface BotHarness extends Omit<TestDesk, 'notifier'> {
  /** The desk's notifier: the server's TeamsNotifier (attached as `npm start` does), reaching the loopback connector. */
  readonly notifier: Notifier;
  readonly server: RunningServer;
  readonly connector: LoopbackConnector;
  /** POSTs a body to /api/messages as Teams would (JSON unless `body` is already a string). */
  post(body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/**
 * The real bot server on port 0 over a test desk (in-memory PGlite, local calendar, manual clock),
 * with a loopback connector standing in for Teams at the activities' serviceUrl. The desk's
 * notifier is the server's TeamsNotifier, attached late as in `npm start`; jobs run when the test
 * calls `jobs.runDue()`.
 */
export async function startBot(
  options: { now?: string; env?: NodeJS.ProcessEnv; slowAnswerMs?: number; openIdMetadataUrl?: string; deskOptions?: Omit<DeskOptions, 'clock' | 'db'> } = {},
): Promise<BotHarness> {
  const notifier = new LateNotifier();
  const { notifier: _unused, ...test } = await openTestDesk(options.now ?? '2026-11-23T10:00:00Z' /* Monday, GMT */, options.env ?? {}, { notifier, ...options.deskOptions });
  const connector = await LoopbackConnector.start();
  const server = await startServer(test.desk, {
    log: test.desk.log,
    credentials: test.desk.config.bot,
    port: 0,
    host: '127.0.0.1',
    slowAnswerMs: options.slowAnswerMs ?? 10_000,
    ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}),
  });
  notifier.attach(server.notifier);
  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  };
  return {
    ...test,
    notifier: server.notifier,
    server,
    connector,
    post,
    close: async () => {
      await server.close();
      await connector.close();
      await test.desk.close();
    },
  };
}
