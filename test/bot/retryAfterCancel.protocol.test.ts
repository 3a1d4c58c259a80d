import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

describe('a request card pressed again after its booking was cancelled', () => {
  it('shows the cancelled booking and offers a new request, booking nothing', async () => {
    const sent = await askForRequestCard(bot);
    const booked = answeredCard(await submitRequest(bot, sent, filled));
    const bookingId = booked.actions[0].data.bookingId as string;
    answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, sent.cardId));

    const again = answeredCard(await submitRequest(bot, sent, filled));
    const { text } = assertValidCard(again);
    expect(text).toContain('Strategy discussion cancelled');
    expect(text).toContain('Wednesday 25 November 2026, 10:00-10:15');
    expect(again.actions.map((a: { verb: string }) => a.verb)).toEqual(['strategy.open']);
    const all = await bot.desk.stores.slots.listBookings({});
    expect(all.map((b) => [b.booking.id, b.booking.status])).toEqual([[bookingId, 'cancelled']]);
  });
});
