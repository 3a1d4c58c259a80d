import { afterEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { meetingChatId } from '../../scheduling/rules/meetingChatId.js';
import { FakeGraph } from '../fakes/graph/FakeGraph.js';
import { graphEnv, testMailbox } from '../scale/graphEnv.js';
import { startBot, type BotHarness } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { alex, teamsMessage, type ConversationType } from './teamsActivities.js';

const catalogId = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
const alexPersonal = { conversationType: 'personal' as ConversationType, conversationId: 'a:alex-personal', from: alex };
const MINUTE = 60_000;

let bot: BotHarness | undefined;
let fake: FakeGraph | undefined;
afterEach(async () => {
  await bot?.close();
  await fake?.close();
  bot = fake = undefined;
});

/** The real bot over the Graph calendar (the fake Graph, through the real Graph client) in Teams meeting mode. */
async function teamsModeBot() {
  fake = await new FakeGraph({ mailbox: testMailbox }).start();
  bot = await startBot({ now: '2026-11-23T10:00:00Z' /* Monday */, env: { ...graphEnv(fake), CONFERENCE_MODE: 'teams', TEAMS_APP_CATALOG_ID: catalogId } });
  return { bot, fake };
}

/** Alex books from their personal chat; gives the request and its booking. */
async function alexBooks(b: BotHarness) {
  const sent = await askForRequestCard(b, alexPersonal);
  answeredCard(await submitRequest(b, sent, filled, alexPersonal));
  const { rows } = await b.desk.db.query<{ id: string }>('select id from requests order by created_at desc limit 1');
  const booking = (await b.desk.stores.slots.lastBookingFor(rows[0]!.id))!;
  return { requestId: rows[0]!.id, booking };
}

const runUntil = (b: BotHarness, until: string, step = 5 * MINUTE) => b.jobs.advance(new Date(until).getTime() - b.clock.now().getTime(), step);

describe('Teams meeting mode (CONFERENCE_MODE=teams) against the fake Graph', () => {
  it('books a Teams meeting, installs the bot into its chat and posts the agenda there at the lead time', async () => {
    const { bot, fake } = await teamsModeBot();
    const { requestId, booking } = await alexBooks(bot);
    expect(booking.start.toISOString()).toBe('2026-11-25T10:00:00.000Z');

    // The event is a Teams meeting; the booking keeps its join URL; the invite sends people to Teams, not the phone line.
    const [event] = fake.events();
    expect(event).toMatchObject({ isOnlineMeeting: true });
    expect(booking.joinUrl).toBe(event!.joinUrl);
    expect(event!.body).toContain('Join in Microsoft Teams');
    expect(event!.body).not.toContain('Dial ');
    const chatId = meetingChatId(booking.joinUrl!)!;
    expect(chatId).toMatch(/^19:meeting_.+@thread\.v2$/);

    const inMeetingChat = () => bot.connector.calls.filter((c) => c.conversationId === chatId);
    await runUntil(bot, '2026-11-25T09:50:00Z');
    await runUntil(bot, '2026-11-25T09:54:00Z', MINUTE);
    expect(fake.chats.list(), 'not installed before the lead time').toEqual([]);
    expect(inMeetingChat()).toEqual([]);

    await runUntil(bot, '2026-11-25T09:55:00Z', MINUTE);
    expect(fake.chats.list()).toMatchObject([{ chatId, teamsAppId: catalogId, installedAt: expect.any(String) }]);
    const posted = inMeetingChat();
    expect(posted.map((c) => c.method)).toEqual(['POST', 'POST']);
    const agenda = cardIn(posted[0]!.body)!;
    const plan = cardIn(posted[1]!.body)!;
    expect(assertValidCard(plan).text).toContain('N146782');
    expect(surnamesOnCard(plan, filled.childSurnames), 'the plan posted in the meeting chat is the outline, N numbers only').toEqual([]);
    expect(plan.refresh?.action?.verb).toBe('plan.refresh');
    expect(await bot.desk.stores.postings.cardPostingsOf(requestId)).toContainEqual({ requestId, conversationId: chatId, conversationType: 'groupChat', activityId: posted[1]!.id, card: 'plan' });
    expect(assertValidCard(agenda).text).toContain('Strategy discussion agenda');
    expect(assertValidCard(agenda).text).toContain('N146782');
    expect(surnamesOnCard(agenda, filled.childSurnames), 'N numbers only in the meeting chat').toEqual([]);
    expect(await bot.desk.stores.postings.cardPostingsOf(requestId)).toContainEqual({ requestId, conversationId: chatId, conversationType: 'groupChat', activityId: posted[0]!.id, card: 'agenda' });

    await runUntil(bot, '2026-11-25T11:00:00Z');
    expect(inMeetingChat(), 'posted once').toHaveLength(2);
    expect(fake.counts.installApp).toBe(1);
  });

  it('updates the agenda in the meeting chat when the discussion is cancelled (the chat has a kept reference)', async () => {
    const { bot } = await teamsModeBot();
    const { requestId, booking } = await alexBooks(bot);
    const chatId = meetingChatId(booking.joinUrl!)!;
    await runUntil(bot, '2026-11-25T09:50:00Z');
    await runUntil(bot, '2026-11-25T09:56:00Z', MINUTE);
    const agendaId = bot.connector.calls.find((c) => c.conversationId === chatId && c.method === 'POST')!.id;

    expect((await bot.post(teamsMessage('cancel N146782', { serviceUrl: bot.connector.url, ...alexPersonal }))).status).toBe(200);
    const asked = bot.connector.posted().at(-1)!;
    answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId: booking.id }, asked.id, alexPersonal));
    await bot.jobs.runDue();

    const update = bot.connector.calls.find((c) => c.conversationId === chatId && c.method === 'PUT');
    expect(update?.activityId).toBe(agendaId);
    expect(assertValidCard(cardIn(update!.body)).text).toContain('Strategy discussion cancelled');
    expect(surnamesOnCard(cardIn(update!.body), filled.childSurnames)).toEqual([]);
    expect((await bot.desk.stores.slots.lastBookingFor(requestId))?.status).toBe('cancelled');
  });
});

describe('dial-in mode (the default) through the bot', () => {
  it("posts the agenda into the requester's personal chat at the lead time, and the invite carries the dial-in details", async () => {
    bot = await startBot({ now: '2026-11-23T10:00:00Z', env: { CONFERENCE_JOIN_DETAILS: 'Dial 0300 123 4567, passcode 11 22 33 #' } });
    const { requestId } = await alexBooks(bot);
    const { rows } = await bot.desk.db.query<{ body: string }>('select body from local_calendar_events');
    expect(rows[0]!.body).toContain('Dial 0300 123 4567, passcode 11 22 33 #');

    const before = bot.connector.calls.length;
    await runUntil(bot, '2026-11-25T09:50:00Z');
    await runUntil(bot, '2026-11-25T09:56:00Z', MINUTE);
    const agendas = bot.connector.calls.slice(before).filter((c) => c.method === 'POST' && assertValidCard(cardIn(c.body)).text.includes('Strategy discussion agenda'));
    expect(agendas.map((c) => c.conversationId)).toEqual([alexPersonal.conversationId]);
    expect(await bot.desk.stores.postings.cardPostingsOf(requestId)).toContainEqual(expect.objectContaining({ conversationId: alexPersonal.conversationId, card: 'agenda', activityId: agendas[0]!.id }));
  });
});
