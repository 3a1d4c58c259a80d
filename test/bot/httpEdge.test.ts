import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { teamsMessage } from './teamsActivities.js';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(() => bot.close());

async function stillServes(): Promise<void> {
  const before = bot.connector.posted().length;
  const answer = await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url }));
  expect(answer.status).toBe(200);
  expect(assertValidCard(cardIn(bot.connector.posted()[before]!.body)).text).toContain('Strategy Desk help');
  expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
}

describe('the HTTP edge', () => {
  it('answers the health check', async () => {
    const response = await fetch(`${bot.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['malformed JSON', '{"type": "message", "text": '],
    ['a JSON array', '[1, 2, 3]'],
    ['an activity with no conversation', JSON.stringify({ ...teamsMessage('help', { serviceUrl: 'http://127.0.0.1:9/' }), conversation: undefined })],
    ['an activity with no serviceUrl', JSON.stringify({ ...teamsMessage('help', { serviceUrl: 'x' }), serviceUrl: undefined })],
    ['an activity with no type', JSON.stringify({ ...teamsMessage('help', { serviceUrl: 'http://127.0.0.1:9/' }), type: undefined })],
    ['an unknown activity type', JSON.stringify({ ...teamsMessage('help', { serviceUrl: 'http://127.0.0.1:9/' }), type: 'bogus' })],
    ['a card action with no action', JSON.stringify({ ...teamsMessage('', { serviceUrl: 'http://127.0.0.1:9/' }), type: 'invoke', name: 'adaptiveCard/action', value: {} })],
  ])('refuses %s with a 4xx and keeps serving', async (_what, body) => {
    const answer = await bot.post(body);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    await stillServes();
  });

  it('refuses a 1 MB body with 413 and keeps serving', async () => {
    const huge = { ...teamsMessage('help', { serviceUrl: bot.connector.url }), padding: 'x'.repeat(1024 * 1024) };
    const answer = await bot.post(huge).catch(() => ({ status: 413 as const, body: undefined }));
    expect(answer.status).toBe(413);
    await stillServes();
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await bot.post('type=message', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(415);
    await stillServes();
  });

  it('refuses a body that is not UTF-8 with 400, and reads the next body afresh', async () => {
    // A JSON start, then the first two bytes of a three-byte character: the decoder (one for every
    // body) must not carry them into the next body.
    const broken = await fetch(`${bot.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xe2, 0x82]) });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'the body is not UTF-8' });
    await stillServes();
  });

  it('answers an unknown path with 404', async () => {
    expect((await fetch(`${bot.server.url}/api/nothing`)).status).toBe(404);
  });
});
