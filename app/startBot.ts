import type { Logger } from 'pino';
import { listenHost, startServer, type RunningServer } from '../bot/server.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import type { Config } from './config.js';
import { LateNotifier } from './LateNotifier.js';
import { openDesk, type OpenDesk } from './openDesk.js';

/** A bot started by `startBot`: the desk, the listening server, and how to stop both. */
export interface RunningBot {
  readonly desk: OpenDesk;
  readonly server: RunningServer;
  /** Closes the server (turns in flight finish), then the job engine and the store. Once. */
  stop(): Promise<void>;
}

export interface StartBotOptions {
  /** The desk's logger (default: pino at LOG_LEVEL on stdout, as `npm start` logs). */
  readonly log?: Logger;
  /**
   * Called once the server listens, before the job engine starts: `npm start` installs its
   * signal handlers here, so a SIGTERM from then on shuts the bot down cleanly.
   */
  readonly onListening?: (bot: RunningBot) => void;
}

/** The job engine would not start; the bot was stopped again (the cause is logged and kept). */
export class JobEngineStartError extends Error {
  constructor(cause: unknown) {
    super('the job engine could not start', { cause });
    this.name = 'JobEngineStartError';
  }
}

/**
 * Starts the bot as `npm start` does (app/main.ts) and tests do to run exactly that: checks the
 * listen address before anything opens, opens the desk serving its embedded store to the command
 * line, starts the server, attaches the Teams notifier, keeps one calendar poll waiting, starts
 * the job engine (background work runs once the bot listens, so a job that messages someone finds
 * the bot up) and, with Graph and PUBLIC_URL, asks for the calendar subscription.
 * @throws UnsafeHostError (nothing opened), DeskError from opening the store (nothing opened),
 *   ConfigError or UnsafeHostError from the server (the desk closed again), JobEngineStartError
 *   (logged; server and desk closed again).
 */
export async function startBot(config: Config, options: StartBotOptions = {}): Promise<RunningBot> {
  // Before the store opens: a local-mode bot on a network address must not start at all.
  const host = listenHost(config);
  // The desk opens before the server makes the Teams adapter: its notifier forwards once attached.
  const notifier = new LateNotifier();
  // The bot runs jobs: a booking's police email goes from one right after the booking's turn.
  const desk = await openDesk(config, { serveEmbeddedStore: true, notifier, policeEmail: 'job', ...(options.log ? { log: options.log } : {}) });
  let server: RunningServer;
  try {
    server = await startServer(desk, { port: config.port, host, log: desk.log, credentials: config.bot });
  } catch (error) {
    await desk.close();
    throw error;
  }
  notifier.attach(server.notifier);
  desk.log.info(
    { ...server.address, url: `${server.url}/api/messages`, store: config.databaseUrl ? 'postgres' : config.dataDir, calendar: config.calendar.backend },
    'Strategy Desk is listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      try {
        await server.close();
      } finally {
        await desk.close();
      }
    })());
  const bot: RunningBot = { desk, server, stop };
  options.onListening?.(bot);

  // The calendar poll reschedules itself (job `calendar.poll`); this keeps one waiting from start-up.
  desk.replies
    .schedulePoll()
    .catch((error: Error) => desk.log.warn({ err: logSafeError(error) }, 'could not schedule the calendar poll (police replies and hand edits are not followed until it runs)'));

  // Background work (reminders, retries, the reconciler's sweeps) runs on jobs kept in the store.
  try {
    await desk.startWork();
  } catch (error) {
    // A stop already under way (a signal during start-up) is not the engine's failure.
    if (stopping) return bot;
    desk.log.error({ err: logSafeError(error) }, 'the job engine could not start');
    await stop();
    throw new JobEngineStartError(error);
  }

  // Graph validates the notification URLs before it creates a subscription: only now that the
  // server listens. A keyed job does it: one waits at a time, whichever instance asked.
  if (desk.calendarNotifications) {
    await desk.calendarNotifications
      .start()
      .then(() => desk.log.info({ resource: desk.calendarNotifications?.resource, publicUrl: config.publicUrl }, 'calendar change notifications: subscription requested'))
      .catch((error: Error) => desk.log.error({ err: logSafeError(error) }, 'calendar change notifications: could not schedule the subscription'));
  } else if (config.publicUrl) {
    desk.log.warn({ calendar: config.calendar.backend }, 'PUBLIC_URL is set but CALENDAR_BACKEND is not graph: no calendar change notifications');
  }
  return bot;
}
