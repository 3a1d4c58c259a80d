/**
 * What the Agents Playground browser tests share: Debian's Chromium (never a downloaded browser),
 * and a session of the bot started as `npm start` starts it (app/startBot.ts) on a new embedded
 * store (migrated, as after a first start), the Agents Playground in front of it and Chromium
 * showing the playground's personal chat.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { startBot, type RunningBot } from '../../app/startBot.js';
import { startAgentsPlayground, type RunningPlayground } from '../../scripts/agentsPlayground.js';
import { seedDataDir } from '../fakes/testDb.js';
import { PlaygroundChat } from './PlaygroundChat.js';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Says loudly when Chromium is missing: a warning, and in CI (CI=true, where .ci/run installs it)
 * a failing test, so the browser tests are never skipped silently. Call at the top of the file.
 */
export function requireChromium(file: string): void {
  if (hasChromium) return;
  console.warn(`SKIPPED ${file}: ${chromiumPath} is missing (apt-get install chromium; .ci/run installs it)`);
  if (process.env.CI === 'true') {
    it(`finds Debian's Chromium at ${chromiumPath} (CI installs it)`, () => {
      expect(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install chromium`).toBe(true);
    });
  }
}

/** A running bot, playground and browser, and the screenshots of one test file. */
export interface PlaygroundSession {
  readonly bot: RunningBot;
  readonly playground: RunningPlayground;
  readonly browser: Browser;
  readonly page: Page;
  readonly chat: PlaygroundChat;
  /** The bot's embedded store (the command line reaches it through the bot's socket). */
  readonly dataDir: string;
  /** The bot's log lines (JSON): shown on failure, and checked for children's names. */
  readonly logLines: readonly string[];
  /** Saves a numbered screenshot (`07-name.png`) of the whole page, of one element (a card), or of an area. */
  screenshot(name: string, of?: Locator | Area): Promise<string>;
  /** Closes the browser, the playground, the bot and its store, and removes the store. */
  close(): Promise<void>;
}

/** A part of the page, in CSS pixels. */
export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlaygroundSessionOptions {
  /** The folder under test/.artifacts/ for this file's screenshots (emptied first: only this run's). */
  readonly artifacts: string;
  /** Environment for the bot's configuration, besides a fresh DATA_DIR, PORT=0 and LOG_LEVEL=info. */
  readonly env?: Record<string, string>;
  readonly viewport?: { width: number; height: number };
}

/** Starts the bot on a fresh embedded store, the playground in front of it, and Chromium on its personal chat. */
export async function startPlaygroundSession(options: PlaygroundSessionOptions): Promise<PlaygroundSession> {
  const artifacts = resolve(import.meta.dirname, '..', '.artifacts', options.artifacts);
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `sd-${options.artifacts}-`));
  // Migrated and empty, as after the bot's first start (that start is localMode.test.ts's subject):
  // initialising it here cost each file's session about 3 CPU-seconds.
  seedDataDir(dataDir);
  const logLines: string[] = [];
  let bot: RunningBot | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...options.env });
    bot = await startBot(config, { log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) });
    playground = await startAgentsPlayground({ endpoint: `${bot.server.url}/api/messages`, port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 1400 } });
    const chat = new PlaygroundChat(page);
    await chat.openPersonalChat(playground.url);
    let shot = 0;
    const screenshot = async (name: string, of?: Locator | Area) => {
      const path = join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`);
      if (!of) await page.screenshot({ path, fullPage: true });
      else if ('screenshot' in of) await of.screenshot({ path });
      else await page.screenshot({ path, clip: of });
      return path;
    };
    return { bot, playground, browser, page, chat, dataDir, logLines, screenshot, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
