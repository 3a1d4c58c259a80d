import { existsSync } from 'node:fs';
import { logSafeError } from '../scheduling/logSafeError.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDesk } from './openDesk.js';
import { DeskError } from '../scheduling/services/errors.js';
import { listenHost, startServer, UnsafeHostError, type RunningServer } from '../bot/server.js';

/** How often reservations left without an event (a crash mid-booking) are finished. */
const reconcileEveryMs = 5 * 60_000;

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

// A DATA_DIR another process holds (or cannot serve) stops the bot with one line, nothing opened.
const desk = await openDesk(config, { serveEmbeddedStore: true }).catch((error: unknown) => {
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
desk.log.info(
  { ...server.address, url: `${server.url}/api/messages`, store: config.databaseUrl ? 'postgres' : config.dataDir, calendar: config.calendar.backend },
  'Strategy Desk is listening',
);

// The calendar poll reschedules itself (job `calendar.poll`); this keeps one waiting from start-up.
desk.replies.schedulePoll().catch((error: Error) => desk.log.warn({ err: logSafeError(error) }, 'could not schedule the calendar poll (police replies and hand edits are not followed until it runs)'));

const reconcile = () =>
  desk.reconciler
    .run()
    .then(({ needsChecking }) => {
      // Ids only: a person looks for these in the shared mailbox's Sent Items and settles them.
      if (needsChecking.length > 0) desk.log.warn({ mailKeys: needsChecking }, 'police emails held for a person to check (they may not have gone)');
    })
    .catch((error: Error) => desk.log.error({ err: logSafeError(error) }, 'reconcile failed'));
void reconcile();
const timer = setInterval(() => void reconcile(), reconcileEveryMs);
timer.unref();

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  desk.log.info({ signal }, 'shutting down: finishing turns in flight');
  clearInterval(timer);
  try {
    await server.close();
    await desk.close();
    process.exit(0);
  } catch (error) {
    desk.log.error({ err: logSafeError(error) }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
