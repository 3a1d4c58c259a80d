import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { elementById, textOf } from '../cards/cardFixtures.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { megan, teamsMessage } from './teamsActivities.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

describe('adaptiveCard/action strategy.request', () => {
  it('replaces the card with the booking card for the slot the rota gives, and updates the message for everyone', async () => {
    const sent = await askForRequestCard(bot);
    const card = answeredCard(await submitRequest(bot, sent, filled));
    const { text } = assertValidCard(card);
    // Monday referral -> the Wednesday of that week, earliest slot.
    expect(text).toContain('Wednesday 25 November 2026, 10:00-10:15');
    expect(text).toContain('N146782');
    expect(text).toContain('Invite sent - awaiting police');
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Show agenda', 'Need a longer slot', 'Add to my calendar', 'Cancel...']);
    const update = await bot.connector.waitFor((c) => c.method === 'PUT');
    expect(update.activityId).toBe(sent.cardId);
    expect(cardIn(update.body)).toEqual(card);
  });

  it('gives a second request the next slot', async () => {
    await submitRequest(bot, await askForRequestCard(bot), filled);
    const second = answeredCard(await submitRequest(bot, await askForRequestCard(bot), { ...filled, nNumbers: 'N200001' }));
    expect(assertValidCard(second).text).toContain('Wednesday 25 November 2026, 10:15-10:30');
  });

  it('shows an invalid N number at its field and keeps every other value typed', async () => {
    const sent = await askForRequestCard(bot);
    const typed = { ...filled, nNumbers: 'N12', urgent: '', reason: 'Seen at school **today**' };
    const card = answeredCard(await submitRequest(bot, sent, typed));
    assertValidCard(card);
    expect(textOf(elementById(card, 'nNumbersError'))).toContain('"N12" is not an N number');
    for (const [field, value] of Object.entries(typed)) expect(elementById(card, field)?.value, field).toBe(value);
    expect(card.actions[0].data.requestKey).toBe(sent.requestKey);
    expect(await bot.desk.stores.slots.listBookings({})).toEqual([]);
    // The errors went only to the person who pressed the button: no update for everyone.
    expect(bot.connector.updates()).toEqual([]);
  });

  it('returns every problem at once: a bad N number, no phone and a time in the future, each at its field and all at the top', async () => {
    const sent = await askForRequestCard(bot);
    const typed = { ...filled, nNumbers: 'N12', managerPhone: '', referredTime: '23:59', urgent: '' };
    const card = answeredCard(await submitRequest(bot, sent, typed));
    const { text } = assertValidCard(card);
    expect(textOf(elementById(card, 'nNumbersError'))).toContain('is not an N number');
    expect(textOf(elementById(card, 'managerPhoneError'))).not.toBe('');
    expect(textOf(elementById(card, 'referredTimeError'))).toMatch(/in the future: it is Monday 23 November 2026, \d\d:\d\d now \(UK time\)/);
    expect(text).toContain('Please correct 3 things before sending:');
    expect(JSON.stringify(card)).not.toContain('isRequired');
    expect(await bot.desk.stores.slots.listBookings({})).toEqual([]);
  });

  it('books once when the button is pressed twice or Teams retries', async () => {
    const sent = await askForRequestCard(bot);
    const [a, b] = await Promise.all([submitRequest(bot, sent, filled), submitRequest(bot, sent, filled)]);
    const retry = await submitRequest(bot, sent, filled);
    const texts = [a, b, retry].map((answer) => assertValidCard(answeredCard(answer)).text);
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toContain('10:00-10:15');
    expect(await bot.desk.stores.slots.listBookings({})).toHaveLength(1);
  });

  it('accepts a corrected card under the same key after an error', async () => {
    const sent = await askForRequestCard(bot);
    await submitRequest(bot, sent, { ...filled, managerPhone: 'call me' });
    const card = answeredCard(await submitRequest(bot, sent, filled));
    expect(assertValidCard(card).text).toContain('10:00-10:15');
  });

  it('names the case by N number only in a group chat, in every card it sends or updates', async () => {
    const where = { conversationType: 'groupChat' as const };
    const sent = await askForRequestCard(bot, where);
    const card = answeredCard(await submitRequest(bot, sent, filled, where));
    expect(assertValidCard(card).text).toContain('N146782');
    const agendaAnswer = answeredCard(await press(bot, 'strategy.agenda', { bookingId: card.actions[0].data.bookingId }, sent.cardId, where));
    await bot.connector.waitFor((c) => c.method === 'PUT');
    const everyCard = [card, agendaAnswer, ...bot.connector.calls.map((c) => cardIn(c.body))];
    expect(everyCard.length).toBeGreaterThanOrEqual(4);
    for (const shown of everyCard) expect(surnamesOnCard(shown, filled.childSurnames)).toEqual([]);
  });

  it("shows the surname only in the requester's personal chat", async () => {
    const card = answeredCard(await submitRequest(bot, await askForRequestCard(bot), filled));
    expect(surnamesOnCard(card, filled.childSurnames)).toEqual(['Zanzibarova']);
  });

  it('never evaluates or renders what was typed', async () => {
    const sent = await askForRequestCard(bot);
    const typed = { ...filled, managerName: '${managerName}', reason: '[link](http://x) **bold**', childSurnames: '{{DATE(2017-02-14T06:08:39Z, SHORT)}}' };
    const card = answeredCard(await submitRequest(bot, sent, typed));
    const rendered = assertValidCard(card);
    expect(rendered.element.querySelectorAll('strong, em, a').length).toBe(0);
    expect(rendered.text).not.toContain('Feb 14, 2017');
    expect(elementById(card, 'managerName')?.value).not.toBe('Alex Wilber');
  });
});

describe('urgent route: a summary before the email goes', () => {
  it('answers an urgent request with a summary and sends nothing until Send is pressed', async () => {
    const sent = await askForRequestCard(bot);
    const summary = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }, {}, true));
    const { text } = assertValidCard(summary);
    expect(text).toContain('Check before sending: URGENT S47 ENQUIRY');
    expect(text).toContain('Children home alone');
    expect(text).toContain(filled.managerPhone);
    expect(summary.actions.map((a: { title: string }) => a.title)).toEqual(['Send URGENT email now', 'Back to the form']);
    expect(await bot.outbox.listOutbox()).toEqual([]);

    const send = summary.actions[0];
    const card = answeredCard(await press(bot, send.verb, send.data, sent.cardId));
    expect(assertValidCard(card).text).toContain('URGENT S47 ENQUIRY sent to the police referral unit');
    expect((await bot.outbox.listOutbox()).map((m) => m.subject)).toEqual(['URGENT S47 ENQUIRY']);
    // A second press of Send (double-click, Teams retry) sends nothing more.
    answeredCard(await press(bot, send.verb, send.data, sent.cardId));
    expect(await bot.outbox.listOutbox()).toHaveLength(1);
  });

  it('Back to the form gives the form again with everything typed, and sends nothing', async () => {
    const sent = await askForRequestCard(bot);
    const summary = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }, {}, true));
    const back = summary.actions[1];
    const form = answeredCard(await press(bot, back.verb, back.data, sent.cardId));
    for (const [field, value] of Object.entries({ ...filled, urgent: 'home-alone' })) expect(elementById(form, field)?.value, field).toBe(value);
    expect(form.actions[0].data.requestKey).toBe(sent.requestKey);
    expect(await bot.outbox.listOutbox()).toEqual([]);
  });

  it('shows every problem on the form instead of a summary when the urgent request is not valid', async () => {
    const sent = await askForRequestCard(bot);
    const form = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone', nNumbers: 'N12', managerPhone: '' }, {}, true));
    expect(textOf(elementById(form, 'nNumbersError'))).toContain('is not an N number');
    expect(textOf(elementById(form, 'managerPhoneError'))).toBeTruthy();
    expect(await bot.outbox.listOutbox()).toEqual([]);
  });

  it('in a group chat carries no surname in the summary, and asks for it again to send', async () => {
    const group = { conversationId: '19:urgent-group@thread.v2', conversationType: 'groupChat' as const };
    const sent = await askForRequestCard(bot, group);
    const summary = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }, group, true));
    expect(JSON.stringify(summary)).not.toContain(filled.childSurnames);
    expect(elementById(summary, 'childSurnames')).toBeDefined();
    const card = answeredCard(await press(bot, summary.actions[0].verb, { ...summary.actions[0].data, childSurnames: filled.childSurnames }, sent.cardId, group));
    expect(assertValidCard(card).text).toContain('URGENT S47 ENQUIRY sent');
  });
});

describe('urgent route', () => {
  it('answers with the urgent card: when it went, by when police should call, and who to escalate to', async () => {
    const sent = await askForRequestCard(bot);
    const card = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }));
    const { text } = assertValidCard(card);
    expect(text).toContain('URGENT S47 ENQUIRY sent to the police referral unit at 14:02; police should call you by 15:02');
    expect(text).toContain('DS Test One');
    expect(await bot.desk.stores.slots.listBookings({})).toEqual([]);

    bot.clock.set('2026-11-23T14:20:00Z');
    const after = answeredCard(await press(bot, 'strategy.police-contact', card.actions[0].data, sent.cardId));
    const recorded = assertValidCard(after).text;
    expect(recorded).toContain('Police made contact at 14:20 (recorded by Alex Wilber)');
    // No Police made contact any more, but an Undo for a mis-click; the discussion can still be recorded.
    expect((after.actions ?? []).map((a: { title: string }) => a.title)).toEqual(['Undo: police have not called (until 14:35)', 'Record the discussion']);
  });

  it('undoes a mis-clicked Police made contact within 15 minutes, and says when it is too late', async () => {
    const sent = await askForRequestCard(bot);
    const card = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }));
    const { requestId } = card.actions[0].data as { requestId: string };
    bot.clock.set('2026-11-23T14:20:00Z');
    const contacted = answeredCard(await press(bot, 'strategy.police-contact', { requestId }, sent.cardId));
    const undo = (contacted.actions as { verb?: string; title: string; data: Record<string, unknown> }[]).find((a) => a.title.startsWith('Undo'))!;
    expect(undo).toMatchObject({ verb: 'strategy.police-contact.undo', data: { requestId } });
    bot.clock.set('2026-11-23T14:25:00Z');
    const undone = answeredCard(await press(bot, undo.verb!, undo.data, sent.cardId));
    const { text } = assertValidCard(undone);
    expect(text).not.toContain('Police made contact at');
    expect(text).toContain('police should call you by 15:02'); // the hour still counts from the email
    expect((undone.actions as { title: string }[]).map((a) => a.title)).toEqual(['Police made contact', 'Record the discussion']);
    expect((await bot.desk.stores.requests.getRequest(requestId))?.policeContactAt).toBeUndefined();

    answeredCard(await press(bot, 'strategy.police-contact', { requestId }, sent.cardId)); // 14:25, for real
    bot.clock.set('2026-11-23T14:41:00Z');
    const late = answeredCard(await press(bot, undo.verb!, undo.data, sent.cardId));
    expect(assertValidCard(late).text).toContain('Too late to undo: police contact was recorded at 14:25');
    expect((await bot.desk.stores.requests.getRequest(requestId))?.policeContactAt?.toISOString()).toBe('2026-11-23T14:25:00.000Z');
  });
});

describe('booking card buttons', () => {
  async function booked() {
    const sent = await askForRequestCard(bot);
    const card = answeredCard(await submitRequest(bot, sent, filled));
    return { sent, bookingId: card.actions[0].data.bookingId as string };
  }

  it('Cancel... only asks; Yes, cancel it frees the slot and replaces the card', async () => {
    const { sent, bookingId } = await booked();
    const asked = answeredCard(await press(bot, 'strategy.cancel', { bookingId }, sent.cardId));
    expect(assertValidCard(asked).text).toContain('Cancel this strategy discussion?');
    expect(asked.actions.map((a: { title: string }) => a.title)).toEqual(['Yes, cancel it', 'No, keep it']);
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('booked');
    const card = answeredCard(await press(bot, 'strategy.cancel.confirm', { bookingId }, sent.cardId));
    expect(assertValidCard(card).text).toContain('Strategy discussion cancelled');
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('cancelled');
  });

  it('No, keep it leaves the booking as it is and shows its card again', async () => {
    const { sent, bookingId } = await booked();
    answeredCard(await press(bot, 'strategy.cancel', { bookingId }, sent.cardId));
    const kept = answeredCard(await press(bot, 'strategy.show', { bookingId }, sent.cardId));
    expect(assertValidCard(kept).text).toContain('Invite sent - awaiting police');
    expect(kept.actions.map((a: { title: string }) => a.title)).toEqual(['Show agenda', 'Need a longer slot', 'Add to my calendar', 'Cancel...']);
    expect((await bot.desk.stores.slots.getBooking(bookingId))?.status).toBe('booked');
  });

  it('No, keep it and Show agenda say the police email is still to go until its job has sent it', async () => {
    await bot.close();
    bot = await startBot({ now: '2026-11-23T14:02:00Z', deskOptions: { policeEmail: 'job' } }); // as npm start sends it
    const { sent, bookingId } = await booked();
    answeredCard(await press(bot, 'strategy.cancel', { bookingId }, sent.cardId));
    const kept = assertValidCard(answeredCard(await press(bot, 'strategy.show', { bookingId }, sent.cardId))).text;
    expect(kept).toContain('Police email not sent yet');
    expect(kept).not.toContain('and the request by email');
    await bot.jobs.runDue();
    const shown = assertValidCard(answeredCard(await press(bot, 'strategy.agenda', { bookingId }, sent.cardId))).text;
    expect(shown).not.toContain('Police email not sent yet');
    expect(shown).toContain('and the request by email');
  });

  it('Need a longer slot moves the booking to a 30-minute slot', async () => {
    const { sent, bookingId } = await booked();
    const card = answeredCard(await press(bot, 'strategy.longer', { bookingId }, sent.cardId));
    const { text } = assertValidCard(card);
    expect(text).toContain('Extended to a longer slot');
    expect(text).not.toContain('Moved');
    expect(text).toMatch(/Wednesday 25 November 2026, 10:00-10:30/);
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Show agenda', 'Add to my calendar', 'Cancel...']);
  });

  it('typing cancel N on an extended booking asks with the card that says it was extended', async () => {
    const { sent, bookingId } = await booked();
    answeredCard(await press(bot, 'strategy.longer', { bookingId }, sent.cardId));
    await bot.post(teamsMessage('cancel N146782', { serviceUrl: bot.connector.url }));
    const asked = assertValidCard(cardIn(bot.connector.posted().at(-1)!.body)).text;
    expect(asked).toContain('Cancel this strategy discussion?');
    expect(asked).toContain('Extended to a longer slot');
  });

  it('Show agenda posts the agenda card into the conversation', async () => {
    const { sent, bookingId } = await booked();
    const answer = answeredCard(await press(bot, 'strategy.agenda', { bookingId }, sent.cardId));
    expect(assertValidCard(answer).text).toContain('Invite sent - awaiting police');
    const agenda = await bot.connector.waitFor((c) => c.method === 'POST' && JSON.stringify(c.body).includes('Strategy discussion agenda'));
    expect(assertValidCard(cardIn(agenda.body)).text).toContain('Introductions and apologies');
  });

  it('refuses an unknown verb or missing data with a 400 invoke error', async () => {
    const { sent } = await booked();
    expect((await press(bot, 'strategy.nonsense', {}, sent.cardId)).status).toBe(400);
    expect((await press(bot, 'strategy.cancel', {}, sent.cardId)).status).toBe(400);
  });

  it('says a booking is not found instead of failing', async () => {
    const { sent } = await booked();
    const card = answeredCard(await press(bot, 'strategy.cancel', { bookingId: 'no-such-booking' }, sent.cardId, { from: megan }));
    expect(assertValidCard(card).text).toContain('That booking no longer exists.');
  });
});
