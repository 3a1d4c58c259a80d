import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';

const police = 'police.referral.unit@example.org';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

/** Books through the request card, then the police answer in Outlook and the desk reads the calendar. */
async function bookedAndAnswered(response: 'accepted' | 'declined') {
  const sent = await askForRequestCard(bot);
  const booked = answeredCard(await submitRequest(bot, sent, filled));
  const bookingId = booked.actions[0].data.bookingId as string;
  await bot.desk.answerInvite(bookingId, { address: police, response });
  await bot.desk.replies.sync();
  await bot.jobs.runDue();
  return { sent, bookingId };
}

describe('the police reply to the invite, at the protocol level', () => {
  it('shows who accepted and when on the booking card', async () => {
    const { sent, bookingId } = await bookedAndAnswered('accepted');
    const card = answeredCard(await press(bot, 'strategy.agenda', { bookingId }, sent.cardId));
    expect(assertValidCard(card).text).toContain(`Accepted by ${police} at 14:02`);
  });

  it('updates the posted booking card in place to say who accepted and when, without a button press', async () => {
    const { sent } = await bookedAndAnswered('accepted');
    const updates = bot.connector.updates().filter((c) => c.activityId === sent.cardId);
    expect(updates.length, 'the card posted in the chat is updated').toBeGreaterThan(0);
    const card = cardIn(updates[updates.length - 1]!.body);
    const { text } = assertValidCard(card);
    expect(text).toContain(`Accepted by ${police} at 14:02`);
    expect(text).not.toContain('awaiting police');
  });

  it('keeps a declined slot from the notice card button: the desk stops asking', async () => {
    const before = bot.connector.posted().length;
    const { sent, bookingId } = await bookedAndAnswered('declined');
    // The manager is told at once in their personal chat, with the two choices.
    const told = bot.connector.posted().slice(before).filter((call) => JSON.stringify(call.body).includes('Keep this slot'));
    expect(told).toHaveLength(1);
    const card = answeredCard(await press(bot, 'booking.keep', { bookingId }, sent.cardId));
    const { text } = assertValidCard(card);
    expect(text).toContain('Slot kept');
    expect(text).toContain(`Declined by ${police} at 14:02`);
    expect((await bot.desk.stores.replies.lastSeen(bookingId))?.keptAt).toBeDefined();
  });

  it('books the next free slot after a declined one from the notice card button', async () => {
    const { sent, bookingId } = await bookedAndAnswered('declined');
    const card = answeredCard(await press(bot, 'booking.bookNext', { bookingId }, sent.cardId));
    const { text } = assertValidCard(card);
    expect(text).toContain('Moved to the next free slot');
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('cancelled');
  });

  it('keeps saying the booking moved to the next free slot when its cards are refreshed afterwards', async () => {
    const { sent, bookingId } = await bookedAndAnswered('declined');
    answeredCard(await press(bot, 'booking.bookNext', { bookingId }, sent.cardId));
    const before = bot.connector.calls.length;
    await bot.jobs.runDue();
    const updates = bot.connector.calls.slice(before).filter((c) => c.method === 'PUT' && c.activityId === sent.cardId);
    expect(updates.length, 'the card is refreshed after the move').toBeGreaterThan(0);
    const { text } = assertValidCard(cardIn(updates.at(-1)!.body));
    expect(text).toContain('Moved to the next free slot');
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
  });

  it('refuses the buttons without a booking id', async () => {
    const sent = await askForRequestCard(bot);
    const answer = await press(bot, 'booking.keep', {}, sent.cardId);
    expect(answer.body).toMatchObject({ statusCode: 400 });
  });
});
