/** `npm run dev`: the bot and the Agents Playground come up together and Ctrl-C stops both. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachLine } from '../../scripts/agentsPlayground.js';
import { seedDataDir } from '../fakes/testDb.js';
import { inBrowser } from './browserTimeouts.js';

const root = resolve(import.meta.dirname, '../..');

/** A port nobody listens on right now (the bot's config has no "any port" value). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.once('error', fail);
  });
}

async function answers(url: string): Promise<number | 'no answer'> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 'no answer';
  }
}

describe('scripts/dev.ts', inBrowser, () => {
  it('starts the bot and the playground, prints the URL to open, and stops both on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sd-dev-'));
    seedDataDir(dataDir); // migrated, as after a first start (localMode.test's subject)
    const botPort = await freePort();
    const dev = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'dev.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = new Promise<number | null>((done) => dev.once('exit', (code) => done(code)));
    try {
      const playgroundUrl = await new Promise<string>((done, fail) => {
        const onLine = (line: string) => {
          output.push(line);
          const url = /^Open (http:\/\/localhost:\d+) in a browser/.exec(line)?.[1];
          if (url) done(url);
        };
        eachLine(dev.stdout, onLine);
        eachLine(dev.stderr, onLine);
        void exited.then((code) => fail(new Error(`dev.ts exited (${code}) before printing the URL:\n${output.join('\n')}`)));
      });
      expect(await answers(`http://localhost:${botPort}/healthz`)).toBe(200);
      const page = await fetch(playgroundUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);

      dev.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await answers(`http://localhost:${botPort}/healthz`)).toBe('no answer');
      expect(await answers(playgroundUrl)).toBe('no answer');
    } finally {
      // SIGTERM, not SIGKILL: dev.ts then stops its two children before it exits.
      if (dev.exitCode === null) dev.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
