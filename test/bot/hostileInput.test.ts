import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersWithin, BotProcess } from './botProcess.js';
import { LoopbackConnector } from './LoopbackConnector.js';
import { teamsMessage } from './teamsActivities.js';

/**
 * Requests that each took the whole service down with one request, against the real entry point in
 * a child process (a crash or a blocked event loop there is invisible to an in-process server).
 */
let bot: BotProcess;
let base: string;
let connector: LoopbackConnector;
beforeAll(async () => {
  connector = await LoopbackConnector.start();
  bot = new BotProcess({}, undefined, { seeded: true }); // a first start on an empty DATA_DIR is localMode.test's
  const listening = await bot.listening();
  base = new URL(listening.url).origin;
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

/** POSTs raw bytes to /api/messages with these headers; the status, or 'no answer'. */
function postRaw(body: Buffer, headers: Record<string, string>): Promise<number | 'no answer'> {
  return new Promise((resolve) => {
    const req = request(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(30_000, () => req.destroy());
    req.once('error', () => resolve('no answer'));
    req.end(body);
  });
}

/** Health checks keep answering within a second each, for as long as `work` runs (and once after). */
async function healthzAnswersThroughout(work: Promise<unknown>): Promise<void> {
  let done = false;
  void work.finally(() => (done = true));
  do {
    expect(await answersWithin(`${base}/healthz`, 1000)).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
  } while (!done);
  expect(await answersWithin(`${base}/healthz`, 1000)).toBe(200);
}

const help = () => Buffer.from(JSON.stringify(teamsMessage('help', { serviceUrl: connector.url })));

describe('one hostile request', () => {
  it('Content-Encoding gzip with a body that is not gzip gets a 4xx and the service keeps answering', async () => {
    const answer = postRaw(Buffer.from('this is not gzip'), { 'content-encoding': 'gzip' });
    await healthzAnswersThroughout(answer);
    const status = await answer;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(bot.running).toBe(true);
  });

  it('a gzip body that expands past the body limit gets 413 and the service keeps answering', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ...teamsMessage('help', { serviceUrl: connector.url }), padding: ' '.repeat(64 * 1024 * 1024) })));
    const answer = postRaw(bomb, { 'content-encoding': 'gzip' });
    await healthzAnswersThroughout(answer);
    expect(await answer).toBe(413);
  });

  it('an encoding it does not read gets 415', async () => {
    expect(await postRaw(help(), { 'content-encoding': 'br' })).toBe(415);
    expect(await answersWithin(`${base}/healthz`, 1000)).toBe(200);
  });

  it('still reads a well-formed gzip body', async () => {
    const before = connector.posted().length;
    expect(await postRaw(gzipSync(help()), { 'content-encoding': 'gzip' })).toBe(200);
    expect(connector.posted()).toHaveLength(before + 1);
  });

  it('a personal message of 200,000 "<" characters gets a 4xx while /healthz keeps answering', async () => {
    const message = Buffer.from(JSON.stringify(teamsMessage('<'.repeat(200_000), { serviceUrl: connector.url })));
    const answer = postRaw(message, {});
    await healthzAnswersThroughout(answer);
    const status = await answer;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('a personal message of 27,000 "<" characters (as long as Teams allows) is answered with help while /healthz keeps answering', async () => {
    const before = connector.posted().length;
    const message = Buffer.from(JSON.stringify(teamsMessage('<'.repeat(27_000), { serviceUrl: connector.url })));
    const answer = postRaw(message, {});
    await healthzAnswersThroughout(answer);
    expect(await answer).toBe(200);
    expect(connector.posted()).toHaveLength(before + 1);
  });
});
