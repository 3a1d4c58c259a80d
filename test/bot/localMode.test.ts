import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBot } from './botHarness.js';
import { answersWithin, BotProcess } from './botProcess.js';
import { LoopbackConnector } from './LoopbackConnector.js';
import { alex, teamsMessage } from './teamsActivities.js';

/** This machine's addresses other than loopback (link-local IPv6 needs a scope: left out). */
function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.internal && !(i.family === 'IPv6' && i.address.startsWith('fe80:')))
    .map((i) => i!.address);
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const processes: BotProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop();
});

describe('npm start without MicrosoftAppId (local mode)', () => {
  it('listens on the loopback interface only, and says where in its start-up line', async () => {
    const bot = new BotProcess();
    processes.push(bot);
    const listening = await bot.listening();
    expect(listening.address).toBe('127.0.0.1');
    expect(listening.port).toBeGreaterThan(0);
    expect(await answersWithin(`http://127.0.0.1:${listening.port}/healthz`, 5000)).toBe(200);

    const elsewhere = networkAddresses();
    // A machine with no other interface cannot show the refusal; on CI that is a broken runner.
    if (elsewhere.length === 0) {
      expect(process.env.CI, 'no non-loopback interface to test from').not.toBe('true');
      console.warn('localMode.test: this machine has no non-loopback interface; checked the logged address only');
    }
    for (const address of elsewhere) expect(await accepts(address, listening.port), `connection via ${address}`).toBe(false);
  });

  it.each(['0.0.0.0', '::', '192.0.2.2'])('refuses to start on HOST=%s, naming HOST and MicrosoftAppId', async (host) => {
    const bot = new BotProcess({ HOST: host });
    processes.push(bot);
    expect(await bot.exited).not.toBe(0);
    const problem = bot.stderr.filter((line) => /HOST/.test(line));
    expect(problem).toHaveLength(1);
    expect(problem[0]).toMatch(/MicrosoftAppId/);
    expect(bot.stdout.find((l) => l.msg === 'Strategy Desk is listening')).toBeUndefined();
  });

  it('reads .env from the folder it starts in, as the README says: a HOST set there is refused too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sd-dotenv-'));
    writeFileSync(join(folder, '.env'), 'HOST=0.0.0.0\n');
    const bot = new BotProcess({}, folder);
    processes.push(bot);
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr.filter((line) => /HOST=0\.0\.0\.0/.test(line))).toHaveLength(1);
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses an unusable HOST at start-up, naming it', async () => {
    const bot = new BotProcess({ HOST: 'not a host!' });
    processes.push(bot);
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr.join('\n')).toMatch(/^config: HOST /m);
  });
});

describe('local mode protocol', () => {
  let bot: BotHarness;
  let outside: LoopbackConnector;
  beforeAll(async () => {
    bot = await startBot();
    // A connector any interface can reach, so a reply sent to this machine's network address would land here.
    outside = await LoopbackConnector.start('0.0.0.0');
  });
  afterAll(async () => {
    await bot.close();
    await outside.close();
  });

  const serviceUrls = () => [
    ...networkAddresses().map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${new URL(outside.url).port}/`),
    'https://smba.trafficmanager.net/uk/',
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1.attacker.example/',
    'http://localhost.attacker.example/',
    'http://127.0.0.1@attacker.example/',
    'http://0.0.0.0:1/',
  ];

  it('refuses an activity whose serviceUrl is not on this machine with a 4xx, and sends nothing anywhere', async () => {
    for (const serviceUrl of serviceUrls()) {
      const answer = await bot.post(teamsMessage('my bookings', { serviceUrl }));
      expect(answer.status, serviceUrl).toBeGreaterThanOrEqual(400);
      expect(answer.status, serviceUrl).toBeLessThan(500);
    }
    expect(outside.calls).toEqual([]);
    expect(bot.connector.calls).toEqual([]);
    // Refused before the turn: not even the conversation reference is kept.
    expect(await bot.desk.stores.conversations.conversationReferencesOf(alex.aadObjectId)).toEqual([]);
  });

  it.each(['http://127.0.0.1:{port}/', 'http://127.8.9.10:{port}/', 'http://localhost:{port}/'])(
    'answers a connector on this machine (%s)',
    async (pattern) => {
      const connector = await LoopbackConnector.start(pattern.includes('::1') ? '::1' : '0.0.0.0');
      try {
        const serviceUrl = pattern.replace('{port}', new URL(connector.url).port);
        expect((await bot.post(teamsMessage('help', { serviceUrl }))).status).toBe(200);
        expect(connector.posted()).toHaveLength(1);
      } finally {
        await connector.close();
      }
    },
  );

  it('refuses a request addressed to another host name (a DNS-rebinding web page) with 403', async () => {
    const body = JSON.stringify(teamsMessage('help', { serviceUrl: bot.connector.url }));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${bot.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', host: 'attacker.example:3978' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end(body);
    });
    expect(status).toBe(403);
    expect(bot.connector.calls).toEqual([]);
  });
});
