import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBot } from './botHarness.js';
import { FakeBotFrameworkKeys } from './FakeBotFrameworkKeys.js';
import { alex, teamsMessage } from './teamsActivities.js';

const appId = '00000000-0000-0000-0000-00000000b07a';
let bot: BotHarness;
let keys: FakeBotFrameworkKeys;
beforeAll(async () => {
  keys = await FakeBotFrameworkKeys.start();
  bot = await startBot({ env: { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' }, openIdMetadataUrl: keys.metadataUrl });
});
afterAll(async () => {
  await bot.close();
  await keys.close();
});

const help = () => teamsMessage('help', { serviceUrl: bot.connector.url });
const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"iss":"https://api.botframework.com","aud":"${appId}"}`).toString('base64url')}.`;

describe('with MicrosoftAppId set', () => {
  it('refuses an activity without a token with 401', async () => {
    expect((await bot.post(help())).status).toBe(401);
    expect(bot.connector.calls).toEqual([]);
    expect(await bot.desk.stores.conversations.conversationReferencesOf(alex.aadObjectId)).toEqual([]);
  });

  it.each([
    ['a garbage token', () => 'Bearer not.a.jwt'],
    ['an unsigned token', () => `Bearer ${unsigned}`],
    ['a non-Bearer scheme', () => 'Basic dXNlcjpwYXNz'],
    ['a token signed with another key', () => `Bearer ${keys.sign(appId, bot.connector.url, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })}`],
    ['a token for another bot', () => `Bearer ${keys.sign('11111111-1111-1111-1111-111111111111', bot.connector.url)}`],
    ['a token for another service URL', () => `Bearer ${keys.sign(appId, 'https://smba.trafficmanager.net/other/')}`],
    // botframework-connector compares the claim with the activity's serviceUrl exactly: the bot
    // only ever answers the URL the Bot Connector signed.
    ['a token with no serviceurl claim', () => `Bearer ${keys.sign(appId, undefined)}`],
    ['a token for the service URL without its trailing slash', () => `Bearer ${keys.sign(appId, bot.connector.url.replace(/\/$/, ''))}`],
  ])('refuses %s with 401', async (_what, authorization) => {
    const answer = await bot.post(help(), { authorization: authorization() });
    expect(answer.status).toBe(401);
    expect(bot.connector.calls).toEqual([]);
  });

  it('takes an activity with a valid channel token', async () => {
    const answer = await bot.post(help(), { authorization: `Bearer ${keys.sign(appId, bot.connector.url)}` });
    expect(answer.status).toBe(200);
    // The turn ran (its reply needs an Entra token for the bot, which this offline test cannot get).
    expect(await bot.desk.stores.conversations.conversationReferencesOf(alex.aadObjectId)).toHaveLength(1);
  });

  it('still answers the health check', async () => {
    expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
  });
});
