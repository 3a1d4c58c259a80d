import { existsSync } from 'node:fs';
import { logSafeError } from '../scheduling/logSafeError.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { LateNotifier } from './LateNotifier.js';
import { openDesk } from './openDesk.js';
import { DeskError } from '../scheduling/services/errors.js';
import { listenHost, startServer, UnsafeHostError, type RunningServer } from '../bot/server.js';

let config: Config;
let host: string;
try {
  // Settings from .env in the folder it starts in (as the CLI reads them); the environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  config = loadConfig(process.env);
  // Before the store opens: a local-mode bot on a network address must not start at all.
  host = listenHost(config);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof UnsafeHostError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// The desk opens before the server makes the Teams adapter: its notifier forwards once attached.
const notifier = new LateNotifier();
// A DATA_DIR another process holds (or cannot serve) stops the bot with one line, nothing opened.
const desk = await openDesk(config, { serveEmbeddedStore: true, notifier }).catch((error: unknown) => {
  if (!(error instanceof DeskError)) throw error;
  console.error(error.message);
  process.exit(1);
});
let server: RunningServer;
try {
  server = await startServer(desk, { port: config.port, host, log: desk.log, credentials: config.bot });
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof UnsafeHostError)) throw error;
  console.error(error.message);
  await desk.close();
  process.exit(1);
}
notifier.attach(server.notifier);
desk.log.info(
  { ...server.address, url: `${server.url}/api/messages`, store: config.databaseUrl ? 'postgres' : config.dataDir, calendar: config.calendar.backend },
  'Strategy Desk is listening',
);

// The calendar poll reschedules itself (job `calendar.poll`); this keeps one waiting from start-up.
desk.replies.schedulePoll().catch((error: Error) => desk.log.warn({ err: logSafeError(error) }, 'could not schedule the calendar poll (police replies and hand edits are not followed until it runs)'));

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  desk.log.info({ signal: reason }, 'shutting down: finishing turns and jobs in flight');
  try {
    await server.close();
    await desk.close();
    process.exit(reason.startsWith('SIG') ? 0 : 1);
  } catch (error) {
    desk.log.error({ err: logSafeError(error) }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

// Background work (reminders, retries, the reconciler's sweeps) runs on jobs kept in the store:
// started once the bot listens, so a job that messages someone finds the bot up.
try {
  await desk.startWork();
} catch (error) {
  if (!stopping) {
    desk.log.error({ err: logSafeError(error) }, 'the job engine could not start');
    await shutdown('job engine failure');
  }
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
