import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { namedAgain } from '../../cards/requestCard.js';
import { elementById, textOf } from '../cards/cardFixtures.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { askForRequestCard, filled } from './requestFlow.js';
import { alex, cardSubmit, type ConversationType } from './teamsActivities.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

const group = { conversationType: 'groupChat' as ConversationType, conversationId: '19:team-group@thread.v2', from: alex };

/** Submits the request card through the Action.Submit fallback (a message carrying the values). */
async function submitByFallback(values: Record<string, string>, where: typeof group) {
  const sent = await askForRequestCard(bot, where);
  const answer = await bot.post(cardSubmit('strategy.request', { requestKey: sent.requestKey, ...values }, { serviceUrl: bot.connector.url, cardId: sent.cardId, ...where }));
  expect(answer.status).toBe(200);
  return sent;
}

/** Every string the bot sent to the connector, in any call. */
function everyCallNaming(surname: string) {
  return bot.connector.calls.filter((call) => surnamesOnCard(call.body, surname).length > 0);
}

describe('the Action.Submit fallback in a group chat', () => {
  it('answers an invalid request without the surname, keeping the other inputs and asking for the surname again', async () => {
    const typed = { ...filled, nNumbers: 'N12' };
    await submitByFallback(typed, group);
    expect(everyCallNaming(filled.childSurnames)).toEqual([]);

    const card = cardIn(bot.connector.posted().at(-1)!.body)!;
    assertValidCard(card);
    expect(textOf(elementById(card, 'nNumbersError'))).toContain('"N12" is not an N number');
    for (const [field, value] of Object.entries(typed)) if (field !== 'childSurnames') expect(elementById(card, field)?.value, field).toBe(value);
    expect(elementById(card, 'childSurnames')?.value).toBe('');
    expect(textOf(elementById(card, 'childSurnamesError'))).toMatch(/type .* again/i);
    expect(await bot.desk.stores.slots.listBookings({})).toEqual([]);
  });

  it('posts a valid request as a booking card that names the case by N number only', async () => {
    await submitByFallback(filled, group);
    expect(everyCallNaming(filled.childSurnames)).toEqual([]);
    const card = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(assertValidCard(card).text).toContain('Wednesday 25 November 2026, 10:00-10:15');
  });

  it('keeps the surname on an invalid request in the personal chat', async () => {
    await submitByFallback({ ...filled, nNumbers: 'N12' }, { ...group, conversationType: 'personal', conversationId: 'a:alex-personal' });
    const card = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(elementById(card, 'childSurnames')?.value).toBe(filled.childSurnames);
  });
});

describe('the one check every outgoing card passes', () => {
  it('does not echo a surname typed into another field of a shared answer, and logs no name', async () => {
    await bot.close();
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    bot = await startBot({ now: '2026-11-23T14:02:00Z', deskOptions: { log } });
    await submitByFallback({ ...filled, nNumbers: filled.childSurnames }, group);
    expect(lines.join('')).not.toMatch(new RegExp(filled.childSurnames, 'i'));
    expect(everyCallNaming(filled.childSurnames)).toEqual([]);
    // The request card itself leaves that input blank and asks for it again; the last-line check
    // (a generic "Not shown here" card) is not needed.
    const card = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(elementById(card, 'nNumbers')?.value).toBe('');
    expect(textOf(elementById(card, 'nNumbersError'))).toBe(`⚠ ${namedAgain}`);
    expect(lines.join('')).not.toContain('withheld a card');
  });
});
