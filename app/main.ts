import { existsSync } from 'node:fs';
import { listenHost, UnsafeHostError } from '../bot/listenHost.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { applyV8Settings } from './v8Settings.js';
import { DeskError } from '../scheduling/services/errors.js';
import type { RunningBot } from './startBot.js';

applyV8Settings(process.execArgv);

let config: Config;
try {
  // Settings from .env in the folder it starts in (as the CLI reads them); the environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  config = loadConfig(process.env);
  listenHost(config); // startBot asks again; here a bad HOST is refused before the bot's code loads
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof UnsafeHostError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// The bot itself (botbuilder, restify, the store) loads only once the settings are known good.
const { JobEngineStartError, startBot } = await import('./startBot.js');

let stopping = false;
async function shutdown(bot: RunningBot, reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  bot.desk.log.info({ signal: reason }, 'shutting down: finishing turns and jobs in flight');
  try {
    await bot.stop();
    process.exit(reason.startsWith('SIG') ? 0 : 1);
  } catch (error) {
    bot.desk.log.error({ err: logSafeError(error) }, 'shutdown failed');
    process.exit(1);
  }
}

// The whole start-up lives in startBot (tests run the same); here: signals and one-line errors.
// A local-mode bot on a network address, or a DATA_DIR another process holds (or cannot serve),
// stops the bot with one line, nothing opened.
try {
  await startBot(config, {
    onListening: (bot) => {
      process.once('SIGTERM', () => void shutdown(bot, 'SIGTERM'));
      process.once('SIGINT', () => void shutdown(bot, 'SIGINT'));
    },
  });
} catch (error) {
  if (error instanceof ConfigError || error instanceof UnsafeHostError || error instanceof DeskError) {
    console.error(error.message);
    process.exit(1);
  }
  // Already logged by startBot, which stopped the server and the desk again.
  if (error instanceof JobEngineStartError) process.exit(1);
  throw error;
}
