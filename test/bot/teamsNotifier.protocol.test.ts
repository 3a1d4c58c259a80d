import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import type { Notice } from '../../scheduling/model/Notice.js';
import { elementsOfType } from '../cards/cardFixtures.js';
import { startBot, type BotHarness } from './botHarness.js';
import { cardIn, type ConnectorCall } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { alex, megan, teamsMessage, type ConversationType } from './teamsActivities.js';

let bot: BotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const alexPersonal = { conversationType: 'personal' as ConversationType, conversationId: 'a:alex-personal', from: alex };
const alexInGroup = { conversationType: 'groupChat' as ConversationType, conversationId: '19:team-group@thread.v2', from: alex };
const meganInGroup = { ...alexInGroup, from: megan };

/** Every log line the desk and the bot write. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'trace' }, stream), lines };
}

/** Alex books in `where`: the request card becomes the booking (or urgent) card there. */
async function alexBooks(b: BotHarness, where: object, values: Record<string, string> = filled) {
  const sent = await askForRequestCard(b, where);
  const card = answeredCard(await submitRequest(b, sent, values, where));
  await b.connector.waitFor((c) => c.method === 'PUT' && c.activityId === sent.cardId);
  const { rows } = await b.desk.db.query<{ id: string }>('select id from requests order by created_at desc limit 1');
  const booking = await b.desk.stores.slots.lastBookingFor(rows[0]!.id);
  return { cardId: sent.cardId, card, requestId: rows[0]!.id, bookingId: booking?.id ?? '' };
}

/** Types a message in a conversation; gives the card the bot posted back and its message id. */
async function type(b: BotHarness, text: string, where: object) {
  const before = b.connector.posted().length;
  expect((await b.post(teamsMessage(text, { serviceUrl: b.connector.url, ...where }))).status).toBe(200);
  const call = b.connector.posted()[before]!;
  return { cardId: call.id, card: cardIn(call.body)! };
}

/** Runs the waiting jobs and gives the connector calls they made. */
async function runJobs(b: BotHarness): Promise<ConnectorCall[]> {
  const before = b.connector.calls.length;
  await b.jobs.runDue();
  return b.connector.calls.slice(before);
}

const verbsOn = (card: unknown) => elementsOfType(card, 'Action.Execute').map((a) => a.verb);

describe('TeamsNotifier.tell', () => {
  it("reaches the person's personal chat from the kept reference, even after they spoke in a group since", async () => {
    bot = await startBot();
    const { bookingId, requestId } = await alexBooks(bot, alexPersonal);
    bot.clock.advance(60_000);
    await type(bot, 'help', alexInGroup); // newer, but a group chat: never where a notice goes
    const notice: Notice = { kind: 'police.declined', requestId, bookingId, nNumbers: ['N146782'], attendee: { address: 'pru@police.example.org', name: 'DS Smith' }, at: bot.desk.now() };
    const before = bot.connector.calls.length;

    expect(await bot.notifier.tell(alex.aadObjectId, notice)).toBe('sent');

    const calls = bot.connector.calls.slice(before);
    expect(calls).toHaveLength(1);
    const [call] = calls as [ConnectorCall];
    expect(call).toMatchObject({ method: 'POST', conversationId: alexPersonal.conversationId });
    const card = cardIn(call.body)!;
    expect(assertValidCard(card).text).toContain('Police declined the invite');
    expect(verbsOn(card)).toEqual(['booking.bookNext', 'booking.keep']);
  });

  it("says no-conversation, logs it with ids only and sends nothing when the person has no personal chat with the bot", async () => {
    const { log, lines } = capturedLog();
    bot = await startBot({ deskOptions: { log } });
    const { requestId } = await alexBooks(bot, alexPersonal);
    await type(bot, 'help', meganInGroup); // Megan is known from a group chat only
    const notice: Notice = { kind: 'urgent.escalate', requestId, nNumbers: ['N146782'], level: 0, contacts: [] };
    const before = bot.connector.calls.length;

    expect(await bot.notifier.tell(megan.aadObjectId, notice)).toBe('no-conversation');
    expect(await bot.notifier.tell('aad-never-seen', notice)).toBe('no-conversation');

    expect(bot.connector.calls.slice(before)).toEqual([]);
    const said = lines.filter((l) => l.includes('no personal chat with this person yet'));
    expect(said).toHaveLength(2);
    expect(said[0]).toContain(megan.aadObjectId);
    expect(said[0]).toContain(requestId);
    expect(lines.join('')).not.toMatch(/Zanzibarova/i);
  });
});

describe('TeamsNotifier.refreshCards', () => {
  it('after a cancel in the personal chat, updates every older copy there so none still awaits the police or offers Cancel', async () => {
    bot = await startBot();
    const { cardId: bookingCardId, bookingId } = await alexBooks(bot, alexPersonal);
    const agenda = answeredCard(await press(bot, 'strategy.agenda', { bookingId }, bookingCardId, alexPersonal));
    expect(agenda).toBeDefined();
    const agendaId = bot.connector.posted().at(-1)!.id;
    const { cardId: cancelledId } = await type(bot, 'cancel N146782', alexPersonal);
    answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, cancelledId, alexPersonal));

    const calls = await runJobs(bot);

    const updates = calls.filter((c) => c.method === 'PUT');
    expect(calls).toEqual(updates); // nothing new posted
    expect(updates.map((c) => c.activityId).sort()).toEqual([bookingCardId, agendaId, cancelledId].sort());
    for (const update of updates) {
      const card = cardIn(update.body)!;
      const { text } = assertValidCard(card);
      expect(text).toContain('Strategy discussion cancelled');
      expect(text).not.toContain('awaiting police');
      expect(verbsOn(card)).not.toContain('strategy.cancel');
      expect(update.conversationId).toBe(alexPersonal.conversationId);
    }
    // Alex's own chat: the children's surname is shown to the requester.
    expect(surnamesOnCard(cardIn(updates[0]!.body), filled.childSurnames)).toEqual([filled.childSurnames]);
  });

  it('after a cancel from the personal chat, updates the copies in the group chat for the shared audience and the personal copy for the requester', async () => {
    bot = await startBot();
    const { cardId: groupCardId, bookingId } = await alexBooks(bot, alexInGroup);
    await press(bot, 'strategy.agenda', { bookingId }, groupCardId, meganInGroup);
    const groupAgendaId = bot.connector.posted().at(-1)!.id;
    const { cardId: listId } = await type(bot, 'my bookings', alexPersonal);
    expect(assertValidCard(answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, listId, alexPersonal))).text).toContain('Strategy discussion cancelled');

    const updates = (await runJobs(bot)).filter((c) => c.method === 'PUT');

    expect(updates.map((c) => [c.conversationId, c.activityId]).sort()).toEqual(
      [
        [alexInGroup.conversationId, groupCardId],
        [alexInGroup.conversationId, groupAgendaId],
        [alexPersonal.conversationId, listId],
      ].sort(),
    );
    for (const update of updates) {
      const card = cardIn(update.body)!;
      expect(assertValidCard(card).text).toContain('Strategy discussion cancelled');
      const shown = surnamesOnCard(card, filled.childSurnames);
      expect(shown).toEqual(update.conversationId === alexPersonal.conversationId ? [filled.childSurnames] : []);
    }
  });

  it('after a move to a longer slot, the agenda and the booking card everywhere show the new time', async () => {
    bot = await startBot();
    const { cardId: groupCardId, bookingId } = await alexBooks(bot, alexInGroup);
    await press(bot, 'strategy.agenda', { bookingId }, groupCardId, meganInGroup);
    const agendaId = bot.connector.posted().at(-1)!.id;
    answeredCard(await press(bot, 'strategy.longer', { bookingId }, groupCardId, meganInGroup));
    await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === groupCardId && JSON.stringify(c.body).includes('10:00-10:30'));

    const updates = (await runJobs(bot)).filter((c) => c.method === 'PUT');

    expect(updates.map((c) => c.activityId).sort()).toEqual([groupCardId, agendaId].sort());
    const agenda = updates.find((c) => c.activityId === agendaId)!;
    expect(assertValidCard(cardIn(agenda.body)).text).toContain('Strategy discussion agenda');
    for (const update of updates) {
      const { text } = assertValidCard(cardIn(update.body));
      expect(text).toContain('Wednesday 25 November 2026, 10:00-10:30');
      expect(surnamesOnCard(cardIn(update.body), filled.childSurnames)).toEqual([]);
    }
  });

  it('after a move to a longer slot, the refreshed card and No, keep it still say it was extended, not "booked" afresh', async () => {
    bot = await startBot();
    const { cardId, bookingId } = await alexBooks(bot, alexPersonal);
    const extended = answeredCard(await press(bot, 'strategy.longer', { bookingId }, cardId, alexPersonal));
    expect(assertValidCard(extended).text).toContain('Extended to a longer slot');
    const longer = (await bot.desk.stores.slots.listBookings({ statuses: ['booked'] }))[0]!.booking;

    // The refresh after the move (and after the new booking's police email) redraws the card.
    const updates = (await runJobs(bot)).filter((c) => c.method === 'PUT' && c.activityId === cardId);
    expect(updates.length, 'the card is refreshed after the move').toBeGreaterThan(0);
    for (const update of updates) {
      const { text } = assertValidCard(cardIn(update.body));
      expect(text).toContain('Extended to a longer slot');
      expect(text).toContain('Wednesday 25 November 2026, 10:00-10:30');
      expect(text).not.toContain('Strategy discussion booked');
    }

    // Cancel... then No, keep it: the card comes back as it was, heading and all.
    answeredCard(await press(bot, 'strategy.cancel', { bookingId: longer.id }, cardId, alexPersonal));
    const kept = assertValidCard(answeredCard(await press(bot, 'strategy.show', { bookingId: longer.id }, cardId, alexPersonal))).text;
    expect(kept).toContain('Extended to a longer slot');
  });

  it('puts proactive updates in a group chat through the surname check', async () => {
    const { log, lines } = capturedLog();
    // An escalation contact who shares the children's surname: the urgent card would name it.
    const env = { ESCALATION_CONTACTS: `[{"label":"Duty DS","name":"DS ${filled.childSurnames}","phone":"101"}]` };
    bot = await startBot({ env, deskOptions: { log } });
    const { cardId, requestId } = await alexBooks(bot, alexInGroup, { ...filled, urgent: 'home-alone' });
    const before = bot.connector.calls.length;

    await bot.notifier.refreshCards(requestId);

    const updates = bot.connector.calls.slice(before);
    expect(updates.map((c) => [c.method, c.activityId])).toEqual([['PUT', cardId]]);
    const card = cardIn(updates[0]!.body)!;
    expect(assertValidCard(card).text).toContain('Not shown here');
    expect(surnamesOnCard(card, filled.childSurnames)).toEqual([]);
    expect(lines.filter((l) => l.includes('withheld a card')).at(-1)).toContain(requestId);
  });
});
