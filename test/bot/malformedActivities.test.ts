import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBot } from './botHarness.js';
import { botAdded, cardAction, teamsMessage } from './teamsActivities.js';

/** Log lines at warn or above, parsed. */
const logged: Array<Record<string, unknown>> = [];
let bot: BotHarness;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  bot = await startBot({ deskOptions: { log: pino({ level: 'warn' }, stream) } });
});
afterAll(() => bot.close());

const where = () => ({ serviceUrl: bot.connector.url });
const message = (change: Record<string, unknown>) => ({ ...teamsMessage('my bookings', where()), ...change });
const invoke = (change: Record<string, unknown>) => ({ ...cardAction('strategy.open', {}, { ...where(), cardId: 'card-1' }), ...change });
/** A message whose value nests `levels` deep, as JSON text (too deep for JSON.stringify). */
const deep = (levels: number) => JSON.stringify(message({ value: 'DEEP' })).replace('"DEEP"', `${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('a malformed activity', () => {
  it.each<[string, () => unknown]>([
    ['a number as text', () => message({ text: 42 })],
    ['an object as text', () => message({ text: { book: true } })],
    ['null text', () => message({ text: null })],
    ['a value that is not an object on a message', () => message({ value: 'strategy.request' })],
    ['a list as the value of a message', () => message({ value: [1, 2] })],
    ['membersAdded that is not a list', () => ({ ...botAdded(where()), membersAdded: { id: '28:strategy-desk-bot' } })],
    ['membersAdded holding numbers', () => ({ ...botAdded(where()), membersAdded: [1, 2] })],
    ['null membersAdded', () => ({ ...botAdded(where()), membersAdded: null })],
    ['membersRemoved that is not a list', () => ({ ...botAdded(where()), membersAdded: undefined, membersRemoved: 'everyone' })],
    ['null from', () => message({ from: null })],
    ['a number as the sender name', () => message({ from: { id: '29:x', name: 7 } })],
    ['a number as the Entra object id', () => message({ from: { id: '29:x', name: 'X', aadObjectId: 7 } })],
    ['a NUL in the Entra object id', () => message({ from: { id: '29:x', name: 'X', aadObjectId: 'aad-\u0000' } })],
    ['a NUL in the sender name', () => message({ from: { id: '29:x', name: 'A\u0000B', aadObjectId: 'aad-x' } })],
    ['a lone surrogate in the conversation id', () => message({ conversation: { id: 'a:\uD800', conversationType: 'personal' } })],
    // Found by the fuzz test: botbuilder sends the conversation id in an HTTP header (x-ms-conversation-id).
    ['a conversation id a header cannot carry', () => message({ conversation: { id: 'a:\u{F658D}', conversationType: 'personal' } })],
    ['a sender id with a space and a line break', () => message({ from: { id: '29:x\r\nx-injected: 1', name: 'X' } })],
    ['a number as the conversation type', () => message({ conversation: { id: 'a:1', conversationType: 5 } })],
    ['null channelData', () => message({ channelData: null })],
    ['a string as channelData', () => message({ channelData: 'teams' })],
    ['a number as the Teams event type', () => ({ ...botAdded(where()), channelData: { eventType: 5 } })],
    ['a number as the locale', () => message({ locale: 5 })],
    ['attachments that are not a list', () => message({ attachments: 'card' })],
    ['entities that are not a list', () => message({ entities: { type: 'mention' } })],
    ['a timestamp that is not a date', () => message({ timestamp: 'yesterday' })],
    ['JSON nested 10,000 deep', () => deep(10_000)],
    ['JSON nested 40 deep', () => deep(40)],
    ['an invoke with no name', () => invoke({ name: undefined })],
    ['an invoke this bot does not handle', () => invoke({ name: 'task/fetch' })],
    ['a card action whose value is a string', () => invoke({ value: 'strategy.open' })],
    ['a card action whose action is null', () => invoke({ value: { action: null } })],
    ['a card action whose data is a string', () => invoke({ value: { action: { type: 'Action.Execute', verb: 'strategy.cancel', data: 'bk-1' } } })],
    ['a card action with a NUL in the booking id', () => invoke({ value: { action: { type: 'Action.Execute', verb: 'strategy.cancel', data: { bookingId: 'bk\u0000' } } } })],
    ['a card action with a NUL in the request key', () => invoke({ value: { action: { type: 'Action.Execute', verb: 'strategy.request', data: { requestKey: 'k\u0000' } } } })],
    // Found by the fuzz test: the key came back live in the answer card's action data.
    ['a card action whose request key is a template expression', () => invoke({ value: { action: { type: 'Action.Execute', verb: 'strategy.request', data: { requestKey: '${managerName}' } } } })],
    ['a card action whose booking id has braces', () => invoke({ value: { action: { type: 'Action.Execute', verb: 'strategy.agenda', data: { bookingId: '{{DATE(2026-11-23T10:00:00Z)}}' } } } })],
    ['an Action.Submit fallback with a NUL in the booking id', () => message({ value: { verb: 'strategy.agenda', bookingId: 'bk\u0000' } })],
  ])('%s gets a 4xx and no failed turn', async (_what, activity) => {
    const calls = bot.connector.calls.length;
    const errors = logged.length;
    const body = activity();
    const answer = await bot.post(typeof body === 'string' ? body : JSON.stringify(body));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(typeof answer.body?.error === 'string' || typeof answer.body?.value?.message === 'string', JSON.stringify(answer.body)).toBe(true);
    expect(bot.connector.calls.slice(calls)).toEqual([]);
    expect(logged.slice(errors).filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
  });

  it('still takes a well-formed message and a card action', async () => {
    expect((await bot.post(message({}))).status).toBe(200);
    expect((await bot.post(invoke({}))).status).toBe(200);
  });
});
