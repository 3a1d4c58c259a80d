/**
 * `npm run dev`: the bot on the embedded default (PGlite in DATA_DIR, local calendar, no Azure
 * account) plus the Microsoft 365 Agents Playground in front of it, then prints the URL to open.
 * Ctrl-C stops both. PORT sets the bot's port (default 3978), PLAYGROUND_PORT the playground's
 * (default 56150; it picks a random one if that is taken).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachLine, startAgentsPlayground, stopChild, type RunningPlayground } from './agentsPlayground.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const botPort = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);

// The playground passes no token, so the bot must run in local mode even if .env names an app.
const localMode = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: '' };

const bot = spawn(process.execPath, ['--import', 'tsx', join(root, 'app', 'main.ts')], {
  cwd: root,
  env: { ...process.env, ...localMode, PORT: String(botPort) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
eachLine(bot.stdout, (line) => console.log(`[bot] ${line}`));
eachLine(bot.stderr, (line) => console.error(`[bot] ${line}`));

let playground: RunningPlayground | undefined;
let stopping = false;

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([stopChild(bot), playground?.stop()]);
  process.exit(code);
}

bot.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`The bot stopped (${signal ?? `exit code ${code}`}); stopping the playground.`);
  void stopAll(1);
});
// `on`, not `once`: Ctrl-C reaches this process both from the terminal and relayed by tsx.
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

/** Polls the bot's health endpoint until it answers; start-up opens and migrates the store first. */
async function botReady(): Promise<void> {
  const url = `http://localhost:${botPort}/healthz`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (stopping) return;
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bot did not answer ${url} within a minute`);
}

try {
  await botReady();
  const endpoint = `http://localhost:${botPort}/api/messages`;
  playground = await startAgentsPlayground({
    endpoint,
    port: playgroundPort,
    onLine: (line) => console.log(`[playground] ${line}`),
  });
  playground.child.once('exit', () => {
    if (stopping) return;
    console.error('The Agents Playground stopped; stopping the bot.');
    void stopAll(1);
  });
  console.log(`\nStrategy Desk is running at ${endpoint}.\nOpen ${playground.url} in a browser, choose Personal Chat and type "book" (or "help"). Ctrl-C stops both.\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
