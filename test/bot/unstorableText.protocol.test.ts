import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { elementById, textOf } from '../cards/cardFixtures.js';
import { type BotHarness, startBot } from './botHarness.js';
import { answeredCard, askForRequestCard, filled, submitRequest } from './requestFlow.js';

let bot: BotHarness;
beforeAll(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterAll(() => bot.close());

describe('text the database cannot store, typed into the request card', () => {
  it.each([
    ['a NUL in the reason', 'reason', 'Bruising\u0000 seen at school'],
    ['a lone high surrogate in the reason', 'reason', 'Bruising seen \uD83D at school'],
    ['a lone low surrogate in the reason', 'reason', 'Bruising seen \uDE00 at school'],
    ['an escape character in the reason', 'reason', 'Bruising \u001b[31m seen'],
    ['a NUL in the N number', 'nNumbers', 'N146782\u0000'],
    ['a NUL in the surname', 'childSurnames', 'Zanzibarova\u0000'],
    ['a vertical tab in the manager name', 'managerName', 'Alex\u000bWilber'],
  ])('%s gets an error at that field, keeps the other inputs and stores nothing', async (_what, field, value) => {
    const sent = await askForRequestCard(bot);
    const typed = { ...filled, [field]: value };
    const card = answeredCard(await submitRequest(bot, sent, typed));
    assertValidCard(card);
    expect(textOf(elementById(card, `${field}Error`))).not.toBe('');
    for (const [name, kept] of Object.entries(filled)) if (name !== field) expect(elementById(card, name)?.value, name).toBe(kept);
    expect(await bot.desk.stores.slots.listBookings({})).toEqual([]);
    expect(await bot.desk.stores.requests.findRequestByKey(`aad-alex-wilber:${sent.requestKey}`)).toBeUndefined();
  });

  it('books a reason with line breaks, tabs and emoji as typed', async () => {
    const reason = 'Bruising seen at school.\r\n\tReported by the head \u{1F469}\u200D\u{1F3EB}';
    const card = answeredCard(await submitRequest(bot, await askForRequestCard(bot), { ...filled, reason }));
    expect(assertValidCard(card).text).toContain('10:00-10:15');
    const [stored] = await bot.desk.stores.slots.listBookings({});
    expect(stored?.request.reason).toBe(reason.trim());
  });
});
