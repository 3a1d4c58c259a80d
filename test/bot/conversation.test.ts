import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { elementById, textOf } from '../cards/cardFixtures.js';
import { cardIn } from './LoopbackConnector.js';
import { alex, botAccount, botAdded, teamsMessage } from './teamsActivities.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

describe('conversation', () => {
  it('welcomes people with a card when the bot is added', async () => {
    const answer = await bot.post(botAdded({ serviceUrl: bot.connector.url }));
    expect(answer.status).toBe(200);
    const [welcome] = bot.connector.posted();
    const { text } = assertValidCard(cardIn(welcome!.body));
    expect(text).toContain('Strategy Desk');
    expect(text).toContain('my bookings');
    expect(welcome!.conversationId).toBe('a:personal-conversation');
  });

  it.each(['book', 'request', 'new', 'Book'])('answers "%s" with the request card, prefilled from the Teams profile and the clock', async (command) => {
    await bot.post(teamsMessage(command, { serviceUrl: bot.connector.url }));
    const card = cardIn(bot.connector.posted()[0]!.body)!;
    assertValidCard(card);
    expect(elementById(card, 'managerName')?.value).toBe('Alex Wilber');
    expect(elementById(card, 'referredDate')?.value).toBe('2026-11-23');
    expect(elementById(card, 'referredTime')?.value).toBe('14:02');
    expect(card.actions[0].data.requestKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each request card its own key', async () => {
    const first = await askForRequestCard(bot);
    const second = await askForRequestCard(bot);
    expect(first.requestKey).not.toBe(second.requestKey);
  });

  it('understands a command after an @mention in a channel', async () => {
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url, conversationType: 'channel' }));
    expect(assertValidCard(cardIn(bot.connector.posted()[0]!.body)).text).toContain('Strategy Desk help');
  });

  it('answers text that is not a command with one line and the commands as suggestions, not silence or the whole help card', async () => {
    await bot.post(teamsMessage('can you book me something for Bond?', { serviceUrl: bot.connector.url }));
    const answer = bot.connector.posted()[0]!.body;
    expect(cardIn(answer)).toBeUndefined();
    expect(answer.text).toBe('I did not catch that. Try one of these:');
    expect(answer.suggestedActions.actions.map((a: { title: string; type: string }) => `${a.type}:${a.title}`)).toEqual(['imBack:book', 'imBack:my bookings', 'imBack:my deadlines', 'imBack:help']);
    expect(JSON.stringify(answer)).not.toContain('Bond');
  });

  it('answers a blank message the same way', async () => {
    await bot.post(teamsMessage('   ', { serviceUrl: bot.connector.url }));
    expect(bot.connector.posted()[0]!.body.text).toBe('I did not catch that. Try one of these:');
  });

  it('tells a group chat to @mention the bot, in the unknown-text answer and in help', async () => {
    await bot.post(teamsMessage('hello all', { serviceUrl: bot.connector.url, conversationType: 'groupChat' }));
    const answer = bot.connector.posted()[0]!.body;
    expect(answer.text).toContain('@mention me');
    expect(answer.suggestedActions).toBeUndefined();
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url, conversationType: 'groupChat' }));
    expect(assertValidCard(cardIn(bot.connector.posted()[1]!.body)).text).toContain('@mention me first');
  });

  it("gives the @mention example with the bot's name as this tenant knows it", async () => {
    const help = { ...teamsMessage('help', { serviceUrl: bot.connector.url, conversationType: 'groupChat' }), recipient: { ...botAccount, name: 'Children MASH Desk' } };
    await bot.post(help);
    expect(assertValidCard(cardIn(bot.connector.posted()[0]!.body)).text).toContain('for example: @Children MASH Desk book');
  });

  it("lists the manager's bookings", async () => {
    const sent = await askForRequestCard(bot);
    await submitRequest(bot, sent, filled);
    await bot.post(teamsMessage('my bookings', { serviceUrl: bot.connector.url }));
    const { text } = assertValidCard(cardIn(bot.connector.posted().at(-1)!.body));
    expect(text).toContain('Wednesday 25 November 2026, 10:00-10:15');
    expect(text).toContain('N146782');
  });

  it('cancels a booking by its N number, after asking', async () => {
    const sent = await askForRequestCard(bot);
    await submitRequest(bot, sent, filled);
    await bot.post(teamsMessage('cancel n146782', { serviceUrl: bot.connector.url }));
    const asked = cardIn(bot.connector.posted().at(-1)!.body);
    expect(assertValidCard(asked).text).toContain('Cancel this strategy discussion?');
    expect(await bot.desk.stores.slots.listBookings({ nNumber: 'N146782', statuses: ['booked', 'reserved'] })).toHaveLength(1);
    const yes = asked!.actions.find((a: { verb?: string }) => a.verb === 'strategy.cancel.confirm');
    const { text } = assertValidCard(answeredCard(await press(bot, yes.verb, yes.data, bot.connector.posted().at(-1)!.id)));
    expect(text).toContain('Strategy discussion cancelled');
    expect(await bot.desk.stores.slots.listBookings({ nNumber: 'N146782', statuses: ['booked', 'reserved'] })).toEqual([]);
  });

  it('says so when there is nothing to cancel for that N number', async () => {
    await bot.post(teamsMessage('cancel N999999', { serviceUrl: bot.connector.url }));
    expect(assertValidCard(cardIn(bot.connector.posted()[0]!.body)).text).toContain('no strategy discussion booked from now on for N999999');
  });

  it('keeps the conversation reference of every incoming activity', async () => {
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url }));
    const [reference] = (await bot.desk.stores.conversations.conversationReferencesOf(alex.aadObjectId)) as Array<Record<string, any>>;
    expect(reference).toMatchObject({ serviceUrl: bot.connector.url, conversation: { id: 'a:personal-conversation' }, user: { id: alex.id } });
  });

  it('writes the conversation reference only when it changed: once for two turns in one chat, again in another chat', async () => {
    const remember = vi.spyOn(bot.desk, 'rememberConversation');
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url }));
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url }));
    expect(remember).toHaveBeenCalledTimes(1);
    await bot.post(teamsMessage('help', { serviceUrl: bot.connector.url, conversationType: 'groupChat', conversationId: 'a:group' }));
    expect(remember).toHaveBeenCalledTimes(2);
    expect(remember.mock.calls.map(([, conversationId]) => conversationId)).toEqual(['a:personal-conversation', 'a:group']);
  });

  it("uses the manager's Teams email for the invite when Teams gives it", async () => {
    bot.connector.addMember({ id: alex.id, name: alex.name, email: 'alex.wilber@council.example.org' });
    const sent = await askForRequestCard(bot);
    const card = answeredCard(await submitRequest(bot, sent, filled));
    const [{ request }] = await bot.desk.stores.slots.listBookings({ nNumber: 'N146782' }) as any;
    expect(request.managerEmail).toBe('alex.wilber@council.example.org');
    expect(textOf(card.body[0])).toBe('Strategy discussion booked');
  });
});
