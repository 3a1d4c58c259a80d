import { afterEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { gatedCalendar } from './gatedCalendar.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, submitRequest } from './requestFlow.js';

let bot: BotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('a slow calendar', () => {
  it('gets Teams a "Booking..." card at once, then the card is updated with the booking', async () => {
    const calendar = gatedCalendar();
    // The calendar is held shut until the answer is in, so the answer cannot be the booking.
    bot = await startBot({ now: '2026-11-23T14:02:00Z', slowAnswerMs: 1, deskOptions: { wrapCalendar: calendar.wrap } });
    const sent = await askForRequestCard(bot, { conversationType: 'groupChat' });
    const interim = answeredCard(await submitRequest(bot, sent, filled, { conversationType: 'groupChat' }));
    const shown = assertValidCard(interim).text;
    expect(shown).toContain('Booking...');
    expect(shown).toContain('N146782');
    expect(bot.connector.updates()).toEqual([]);

    calendar.open();
    const update = await bot.connector.waitFor((c) => c.method === 'PUT');
    expect(update.activityId).toBe(sent.cardId);
    const card = cardIn(update.body)!;
    expect(assertValidCard(card).text).toContain('Wednesday 25 November 2026, 10:00-10:15');
    expect(surnamesOnCard(card, filled.childSurnames)).toEqual([]);
  });

  it('a press while the booking is under way joins it and books once', async () => {
    const calendar = gatedCalendar();
    bot = await startBot({ now: '2026-11-23T14:02:00Z', slowAnswerMs: 1, deskOptions: { wrapCalendar: calendar.wrap } });
    const sent = await askForRequestCard(bot);
    const first = answeredCard(await submitRequest(bot, sent, filled));
    const second = answeredCard(await submitRequest(bot, sent, filled));
    expect(assertValidCard(first).text).toContain('Booking...');
    expect(assertValidCard(second).text).toContain('Booking...');
    calendar.open();
    await bot.connector.waitFor((c) => c.method === 'PUT');
    await bot.server.close(); // waits for the card updates in flight
    expect(await bot.desk.stores.slots.listBookings({})).toHaveLength(1);
    for (const update of bot.connector.updates()) expect(assertValidCard(cardIn(update.body)).text).toContain('10:00-10:15');
  });
});

describe('shutdown', () => {
  it('stops taking requests but finishes the turn in flight', async () => {
    const calendar = gatedCalendar();
    bot = await startBot({ now: '2026-11-23T14:02:00Z', deskOptions: { wrapCalendar: calendar.wrap } });
    const sent = await askForRequestCard(bot);
    const inFlight = submitRequest(bot, sent, filled);
    await calendar.reached;

    let closed = false;
    const closing = bot.server.close().then(() => (closed = true));
    const late = await fetch(`${bot.server.url}/healthz`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(late);
    expect(closed).toBe(false);

    calendar.open();
    const card = answeredCard(await inFlight);
    expect(assertValidCard(card).text).toContain('10:00-10:15');
    await closing;
    expect(closed).toBe(true);
  });
});
