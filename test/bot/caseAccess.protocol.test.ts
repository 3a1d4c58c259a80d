import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { alex, megan, teamsMessage, type ConversationType } from './teamsActivities.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

/** Where people press buttons in these tests: each person's own personal chat, and two group chats. */
const alexPersonal = { conversationType: 'personal' as ConversationType, conversationId: 'a:alex-personal', from: alex };
const meganPersonal = { conversationType: 'personal' as ConversationType, conversationId: 'a:megan-personal', from: megan };
const meganInOtherGroup = { conversationType: 'groupChat' as ConversationType, conversationId: '19:other-group@thread.v2', from: megan };
const teamGroup = { conversationType: 'groupChat' as ConversationType, conversationId: '19:team-group@thread.v2' };

/** Alex books in `where`; gives the booking card's message id and the booking id. */
async function alexBooks(where: object = alexPersonal, values: Record<string, string> = filled) {
  const sent = await askForRequestCard(bot, { ...where, from: alex });
  const card = answeredCard(await submitRequest(bot, sent, values, { ...where, from: alex }));
  // The card is also updated for everyone in the conversation; wait for that, so later calls are the test's own.
  await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === sent.cardId);
  return { cardId: sent.cardId, card, bookingId: card.actions[0]?.data?.bookingId as string, requestId: card.actions[0]?.data?.requestId as string };
}

/** A card that tells nothing of the case: no N number, surname, time, day or manager. */
function expectNothingOfTheCase(card: Record<string, any>) {
  const { text } = assertValidCard(card);
  const json = JSON.stringify(card);
  for (const secret of ['N146782', filled.childSurnames, '10:00', 'Wednesday', '25 November', 'Alex', filled.managerPhone]) {
    expect(json, secret).not.toContain(secret);
  }
  return text;
}

async function refusalsIn(entityId: string) {
  return (await bot.desk.stores.auditLog.auditTrail(entityId)).filter((e) => e.action === 'access.refused');
}

describe('who may act on a booking', () => {
  for (const [label, where] of [
    ["the other user's own personal chat", meganPersonal],
    ['a group chat the card was never posted in', meganInOtherGroup],
  ] as const) {
    describe(`a second user pressing the first user's buttons from ${label}`, () => {
      it('Cancel is refused, the booking stays, and the refusal is audited', async () => {
        const { cardId, bookingId } = await alexBooks();
        const before = await bot.desk.stores.slots.getBooking(bookingId);
        const calls = bot.connector.calls.length;
        const text = expectNothingOfTheCase(answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, cardId, where)));
        expect(text).toContain('cannot');
        expect(await bot.desk.stores.slots.getBooking(bookingId)).toEqual(before);
        expect(bot.connector.calls.slice(calls)).toEqual([]);
        const [refusal] = await refusalsIn(bookingId);
        expect(refusal).toMatchObject({ actor: { id: megan.aadObjectId }, entity: 'booking', entityId: bookingId, after: { attempted: 'booking.cancel' } });
        expect(JSON.stringify(refusal)).not.toContain(filled.childSurnames);
      });

      it('Need a longer slot is refused and the booking stays', async () => {
        const { cardId, bookingId } = await alexBooks();
        const before = await bot.desk.stores.slots.getBooking(bookingId);
        expectNothingOfTheCase(answeredCard(await press(bot, 'strategy.longer', { bookingId }, cardId, where)));
        expect(await bot.desk.stores.slots.getBooking(bookingId)).toEqual(before);
        expect(await bot.desk.stores.slots.listBookings({})).toHaveLength(1);
        expect(await refusalsIn(bookingId)).toMatchObject([{ actor: { id: megan.aadObjectId }, after: { attempted: 'booking.rebook' } }]);
      });

      it('Show agenda is refused and nothing is posted', async () => {
        const { cardId, bookingId } = await alexBooks();
        const calls = bot.connector.calls.length;
        expectNothingOfTheCase(answeredCard(await press(bot, 'strategy.agenda', { bookingId }, cardId, where)));
        expect(bot.connector.calls.slice(calls)).toEqual([]);
        expect(await refusalsIn(bookingId)).toMatchObject([{ actor: { id: megan.aadObjectId }, after: { attempted: 'booking.show' } }]);
      });

      it('Police made contact is refused and nothing is recorded', async () => {
        const { cardId, card } = await alexBooks(alexPersonal, { ...filled, urgent: 'home-alone' });
        const requestId = card.actions[0].data.requestId as string;
        expectNothingOfTheCase(answeredCard(await press(bot, 'strategy.police-contact', { requestId }, cardId, where)));
        expect((await bot.desk.stores.requests.getRequest(requestId))?.policeContactAt).toBeUndefined();
        expect(await refusalsIn(requestId)).toMatchObject([{ actor: { id: megan.aadObjectId }, entity: 'request', after: { attempted: 'request.police-contact' } }]);
      });
    });
  }

  it('lets a member of the group chat where the request was made act on it, naming the case by N number only', async () => {
    const { cardId, bookingId } = await alexBooks(teamGroup);
    const agenda = answeredCard(await press(bot, 'strategy.agenda', { bookingId }, cardId, { ...teamGroup, from: megan }));
    expect(assertValidCard(agenda).text).toContain('N146782');
    const cancelled = answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, cardId, { ...teamGroup, from: megan }));
    expect(assertValidCard(cancelled).text).toContain('Strategy discussion cancelled');
    expect(surnamesOnCard(cancelled, filled.childSurnames)).toEqual([]);
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('cancelled');
    expect(await refusalsIn(bookingId)).toEqual([]);
  });

  it('lets a member of the group chat record that police made contact on an urgent request made there', async () => {
    const { cardId, card } = await alexBooks(teamGroup, { ...filled, urgent: 'home-alone' });
    const requestId = card.actions[0].data.requestId as string;
    const after = answeredCard(await press(bot, 'strategy.police-contact', { requestId }, cardId, { ...teamGroup, from: megan }));
    expect(assertValidCard(after).text).toContain('Police made contact at 14:02');
    expect((await bot.desk.stores.requests.getRequest(requestId))?.policeContactAt).toBeDefined();
  });

  it('records where each card about a request was posted', async () => {
    const { cardId, card } = await alexBooks(teamGroup);
    const [{ request }] = (await bot.desk.stores.slots.listBookings({})) as any;
    expect(card.actions[0].data.bookingId).toBeDefined();
    expect(await bot.desk.stores.postings.cardPostingsOf(request.id)).toEqual([
      { requestId: request.id, conversationId: teamGroup.conversationId, conversationType: 'groupChat', activityId: cardId, card: 'case' },
    ]);
  });
});

describe('typed commands in a shared conversation', () => {
  it('never lists or cancels there a booking made in a private chat', async () => {
    const { bookingId } = await alexBooks(alexPersonal);
    await bot.post(teamsMessage('my bookings', { serviceUrl: bot.connector.url, ...teamGroup, from: alex }));
    const listed = cardIn(bot.connector.posted().at(-1)!.body)!;
    // Not "You have no strategy discussions booked": Alex has one, only not here.
    expect(assertValidCard(listed).text).not.toContain('You have no strategy discussions booked');
    expect(assertValidCard(listed).text).toContain('None of your strategy discussions from now on has its card in this conversation.');
    expect(JSON.stringify(listed)).not.toContain('N146782');

    await bot.post(teamsMessage('cancel N146782', { serviceUrl: bot.connector.url, ...teamGroup, from: alex }));
    const answer = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(assertValidCard(answer).text).toContain('Nothing to cancel');
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('booked');
  });

  it('lists and cancels there a booking made in that conversation', async () => {
    const { bookingId } = await alexBooks(teamGroup);
    await bot.post(teamsMessage('my bookings', { serviceUrl: bot.connector.url, ...teamGroup, from: alex }));
    const listed = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(assertValidCard(listed).text).toContain('N146782');
    expect(surnamesOnCard(listed, filled.childSurnames)).toEqual([]);

    await bot.post(teamsMessage('cancel N146782', { serviceUrl: bot.connector.url, ...teamGroup, from: alex }));
    const asked = bot.connector.posted().at(-1)!;
    expect(assertValidCard(cardIn(asked.body)).text).toContain('Cancel this strategy discussion?');
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('booked');
    const cancelled = answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, asked.id, { ...teamGroup, from: alex }));
    expect(assertValidCard(cancelled).text).toContain('Strategy discussion cancelled');
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('cancelled');
  });

  it('still lists every booking of the requester in their personal chat', async () => {
    await alexBooks(teamGroup);
    await bot.post(teamsMessage('my bookings', { serviceUrl: bot.connector.url, ...alexPersonal }));
    const listed = cardIn(bot.connector.posted().at(-1)!.body)!;
    expect(assertValidCard(listed).text).toContain('N146782');
    expect(surnamesOnCard(listed, filled.childSurnames)).toEqual([filled.childSurnames]);
  });
});
