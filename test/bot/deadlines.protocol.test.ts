import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { actionTitles, elementsOfType } from '../cards/cardFixtures.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { alex, teamsMessage, type ConversationType } from './teamsActivities.js';

const alexActor = { id: alex.aadObjectId, name: alex.name };
const alexPersonal = { kind: 'teams', conversationId: 'a:personal-conversation', conversationType: 'personal' } as const;
const groupChat = { conversationType: 'groupChat' as ConversationType, conversationId: '19:other-group@thread.v2', from: alex };
const contacts = JSON.stringify([
  { label: 'Duty DS', name: 'DS Example One', phone: '101 ext 1' },
  { label: 'Duty DS', name: 'DS Example Two', phone: '101 ext 2' },
  { label: 'Admin support', name: 'Police admin support', phone: '101 ext 3' },
  { label: 'MASH service manager', name: 'MASH manager', phone: '01604 000004' },
]);

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */, env: { ESCALATION_CONTACTS: contacts } });
});
afterEach(() => bot.close());

/** Alex asks for a discussion in the personal chat; gives the request's id and the answered card's id. */
async function alexRequests(values: Record<string, string> = filled): Promise<{ requestId: string; cardId: string; card: Record<string, any> }> {
  const sent = await askForRequestCard(bot);
  const card = answeredCard(await submitRequest(bot, sent, values));
  const [request] = await Promise.all([bot.desk.stores.requests.findRequestByKey(`${alex.aadObjectId}:${sent.requestKey}`)]);
  return { requestId: request!.id, cardId: sent.cardId, card };
}

async function lastCardFor(text: string, where: object = {}) {
  await bot.post(teamsMessage(text, { serviceUrl: bot.connector.url, ...where }));
  return cardIn(bot.connector.posted().at(-1)!.body)!;
}

describe('my deadlines', () => {
  it('lists what is due and overdue for me, soonest first, by N number only', async () => {
    const { requestId } = await alexRequests();
    await bot.desk.recordS47Decision(requestId, { conferenceConvened: true }, alexActor, alexPersonal);
    await bot.desk.recordDiscussionHeld(requestId, new Date('2026-11-23T13:00:00Z'), alexActor, alexPersonal);
    const card = await lastCardFor('my deadlines');
    const { text } = assertValidCard(card);
    const order = ['Record of the strategy discussion', 'Section 47 record outcome', 'Section 47 enquiry completed'].map((s) => text.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('Due Tuesday 24 November 2026, 13:00'); // the record, 24 hours on
    expect(text).toContain('Due Thursday 26 November 2026, 17:00'); // the s47 outcome, working day 3
    expect(text).toContain('Initial child protection conference held');
    expect(text).toContain('N146782');
    expect(surnamesOnCard(card, filled.childSurnames)).toEqual([]);

    bot.clock.set('2026-11-24T14:00:00Z');
    expect(assertValidCard(await lastCardFor('My  Deadlines')).text).toContain('Overdue: was due Tuesday 24 November 2026, 13:00');
  });

  it('says when nothing is due, and lists nothing in a shared chat of a case kept in a personal chat', async () => {
    expect(assertValidCard(await lastCardFor('my deadlines')).text).toContain('Nothing is due for you.');
    const { requestId } = await alexRequests();
    await bot.desk.recordS47Decision(requestId, { conferenceConvened: false }, alexActor, alexPersonal);
    const shared = await lastCardFor('my deadlines', groupChat);
    expect(assertValidCard(shared).text).toContain('Nothing is due for you.');
    expect(JSON.stringify(shared)).not.toContain('N146782');
  });
});

describe('urgent escalation in Teams', () => {
  it('turns the urgent card to the escalation and moves to the next level on Could not reach the DS', async () => {
    const { requestId, cardId } = await alexRequests({ ...filled, urgent: 'home-alone', referredTime: '14:00' });
    const before = bot.connector.posted().length;
    await bot.jobs.advance(60 * 60_000);
    // The manager is told in their personal chat, through the real notifier and connector.
    const told = bot.connector.posted().slice(before);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.body)).toContain('Duty DS');

    const escalated = answeredCard(await press(bot, 'urgent.notReached', { requestId, level: '1' }, cardId));
    const { text } = assertValidCard(escalated);
    expect(text).toContain('Escalation level 2');
    expect(text).toContain('Police admin support');
    expect(actionTitles(escalated)).toEqual(['Police made contact', 'Could not reach Admin support', 'Open the action plan', 'Record the discussion']);
    expect(elementsOfType(escalated, 'Action.Execute')[1]).toMatchObject({ verb: 'urgent.notReached', data: { requestId, level: 2 } });
    expect((await bot.desk.stores.requests.getRequest(requestId))?.escalationLevel).toBe(2);

    const contacted = answeredCard(await press(bot, 'strategy.police-contact', { requestId }, cardId));
    expect(assertValidCard(contacted).text).toContain('The escalation has stopped');
    expect(actionTitles(contacted)).toEqual([expect.stringMatching(/^Undo: police have not called \(until \d\d:\d\d\)$/), 'Open the action plan', 'Record the discussion']);
  });

  it('refuses a Could not reach without a level', async () => {
    const { requestId, cardId } = await alexRequests({ ...filled, urgent: 'home-alone', referredTime: '14:00' });
    const answer = await press(bot, 'urgent.notReached', { requestId, level: 'first' }, cardId);
    expect(answer.body).toMatchObject({ statusCode: 400, value: { message: 'level is missing' } });
  });
});
