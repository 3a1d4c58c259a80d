/**
 * Issue 11, the whole manager flow as a person walks it in the Microsoft 365 Agents Playground
 * (Teams channel) in Chromium, in one browser session, against the bot started as `npm start`
 * starts it on a fresh embedded store and the system clock: a booking in the personal chat, a form
 * with several mistakes, an urgent request (summary first, Back, Send), a longer slot, the group
 * chat (@mention), and a cancel that asks first. Every card is saved, numbered, to
 * test/.artifacts/playground-flow/; the README's pictures (docs/playground-*.png) come from here.
 */
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../scheduling/model/Booking.js';
import { formatSlotInWords } from '../../scheduling/rules/formatUkDateTime.js';
import { londonWallTimeOf } from '../../scheduling/rules/londonTime.js';
import { refreshCardsJob } from '../../scheduling/services/cardJobs.js';
import { replyJobs } from '../../scheduling/services/ReplyTracker.js';
import { bookingJobs } from '../../scheduling/services/RotaBookingService.js';
import { labels, type RequestCardEntry } from './PlaygroundChat.js';
import { hasChromium, requireChromium, startPlaygroundSession, type PlaygroundSession } from './playgroundSession.js';
import { inBrowser, sessionTimeout } from './browserTimeouts.js';

requireChromium('test/browser/playgroundFlow.test.ts');

/** The playground's name for the bot it talks to (its default configuration), as its @mention menu lists it. */
const botInPlayground = 'Test Bot';
/** The person the playground plays (its default user); the bot prefills the form with this name. */
const manager = 'Alex Wilber';

/** A wait for the bot: an answer, a card update, a job (the police email, then the card refresh). Generous. */
const forBot = { timeout: 60_000 };

const booking: RequestCardEntry = { nNumbers: 'N146782', childSurnames: 'Bond', managerRole: 'Team Manager (TM)', managerPhone: '01604 123456', reason: 'Bruising seen at school' };
const mistakes: RequestCardEntry = { nNumbers: 'X12', childSurnames: 'Moneypenny', managerRole: 'Team Manager (TM)', managerPhone: 'call me', reason: 'Disclosure to teacher' };
const urgent: RequestCardEntry = { nNumbers: 'N200001', childSurnames: 'Drax', managerRole: 'Practice Manager (PM)', managerPhone: '01604 777888', reason: 'Neighbour called: two toddlers alone since morning' };
const urgentCriterion = 'Children home alone';
const surnames = [booking, mistakes, urgent].map((e) => e.childSurnames);

describe.skipIf(!hasChromium)('the whole manager flow in the Agents Playground (needs /usr/bin/chromium)', inBrowser, () => {
  let s: PlaygroundSession;
  /** The booking card's message: the request form it replaced, in the personal chat. */
  let bookingCard: Locator | undefined;
  let booked: Booking | undefined;

  beforeAll(async () => {
    // Tall enough that the longest card (the form with every error) is screenshot whole.
    s = await startPlaygroundSession({ artifacts: 'playground-flow', env: { JOB_POLL_SECONDS: '1' }, viewport: { width: 1400, height: 2400 } });
  }, sessionTimeout);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await s.screenshot(`failed-${context.task.name.replace(/\W+/g, '-').slice(0, 60)}`);
    console.error(`the bot's log:\n${s.logLines.join('')}`);
  });

  afterAll(async () => {
    await s?.close();
  }, sessionTimeout);

  /** The visible text of a card, one line per line as the browser lays it out. */
  const textOf = async (card: Locator) => (await card.innerText()).replace(/\u00a0/g, ' ');

  /** Waits until `card` shows `text` (the bot answered, or a job updated it). */
  const until = (card: Locator, text: string | RegExp) => card.filter({ hasText: text }).waitFor(forBot);

  /**
   * The bot's message at `index` in the open conversation, once it shows `text`. By position, not
   * by what it shows: the same message turns from form to summary to urgent card, or from booking
   * card to question to cancelled card.
   */
  async function message(index: number, text: string | RegExp): Promise<Locator> {
    const card = s.chat.cards().nth(index);
    await until(card, text);
    return card;
  }

  /** Asks for a fresh request form in the open conversation and gives its message. */
  async function newForm(): Promise<Locator> {
    const before = await s.chat.cards().count();
    await s.chat.send('book');
    return message(before, labels.referredTime);
  }

  /**
   * Waits until the bot has no card work left for now (police emails, card refreshes): a refresh
   * landing later would redraw a card the test is about to press. Read from the job engine's table.
   * The refresh after a police email is due `cardRefreshDelaySeconds` (10 s) after it went, which
   * policeEmailJob.test.ts checks; here a waiting refresh is made due at once, as if those seconds
   * had passed, and the bot's job poll (JOB_POLL_SECONDS=1) runs it.
   */
  async function cardWorkDone(): Promise<void> {
    const refreshNow = () =>
      s.bot.desk.db.query(`update pgboss.job set start_after = now() where name = $1 and state = 'created' and start_after > now()`, [refreshCardsJob]);
    await expect.poll(async () => (await refreshNow(), pendingCardWork()), { timeout: forBot.timeout, interval: 250 }).toBe(0);
  }

  /** How many of the jobs that change cards are waiting or running (or, with `any`, were ever kept). */
  async function pendingCardWork(states: 'pending' | 'any' = 'pending'): Promise<number> {
    const { rows } = await s.bot.desk.db.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = any($1) and ($2 or state in ('created', 'retry', 'active'))`,
      [[refreshCardsJob, bookingJobs.policeEmail, replyJobs.refreshCards], states === 'any'],
    );
    return rows[0]!.n;
  }

  /** The live booking of a case, from the store (the card must say the same). */
  async function liveBooking(nNumber: string): Promise<Booking> {
    const live = await s.bot.desk.stores.slots.listBookings({ nNumber, statuses: ['booked'] });
    expect(live, `one live booking for ${nNumber}`).toHaveLength(1);
    return live[0]!.booking;
  }

  it('1. personal chat: book, fill, submit -> the booking card with its status badge, who booked it, the number police will ring, who is invited and how to join', async () => {
    const form = await newForm();
    await s.chat.in(form).fill(booking);
    await s.screenshot('request-form-filled', form);
    await s.chat.in(form).submit();
    // The form's own message turns into the booking card; the police email goes from a job, and
    // the card is refreshed once it has gone.
    await until(form, 'Strategy discussion booked');
    await cardWorkDone();
    await until(form, 'The police referral unit has the calendar invite and the request by email.');
    expect(await pendingCardWork('any'), 'the police email went from a job: the wait for card work watches the right jobs').toBeGreaterThan(0);
    bookingCard = form;
    booked = await liveBooking(booking.nNumbers);
    const { policeReferralAddress, joinDetails } = s.bot.desk.settings;
    const text = await textOf(form);
    const badge = await form.locator('#statusBadge').innerText();
    expect(badge).toContain('\u23F3'); // a symbol with the words, never colour alone
    expect(badge).toContain('Invite sent - awaiting police');
    expect(text).toContain(formatSlotInWords(booked));
    expect(text).toContain(`Case: ${booking.nNumbers}`);
    expect(text).toContain(`Children: ${booking.childSurnames}`); // the requester's own chat
    expect(text).toContain(`Booked by: ${manager} (TM)`);
    expect(text).toContain(`Police will ring: ${booking.managerPhone}`);
    // The playground gives the user's address, so the manager is on the invite (no Add to my calendar).
    expect(text).toMatch(new RegExp(`Invited: you \\([^)]+@[^)]+\\); ${policeReferralAddress.replace(/\./g, '\\.')}`));
    expect(await form.getByRole('button', { name: 'Add to my calendar' }).count()).toBe(0);
    expect(text).toContain(`Join: ${joinDetails}`);
    expect(text).not.toContain('Police email not sent yet');
    for (const button of ['Show agenda', 'Need a longer slot', 'Cancel...']) await form.getByRole('button', { name: button }).waitFor();
    await s.screenshot('booking-card', form);
  });

  it('2. invalid input: a form with a bad N number, a bad phone number and a referral time in the future shows every problem at once and keeps what was typed', async () => {
    // A future time on the form's own date: 23:59, unless that minute is (nearly) here; then after midnight.
    await expect.poll(() => londonWallTimeOf(new Date()) < '23:58', { timeout: 3 * 60_000, interval: 5_000 }).toBe(true);
    const form = await newForm();
    const inForm = s.chat.in(form);
    await inForm.fill(mistakes);
    await inForm.type(labels.referredTime, '23:59');
    const referral = await inForm.referral();
    const forms = await s.chat.requestCardCount();
    await inForm.submit();
    await until(form, 'Please correct 3 things before sending:');
    const text = await textOf(form);
    // Listed at the top...
    expect(text).toContain(`N number(s): "${mistakes.nNumbers}" is not an N number`);
    expect(text).toContain('Phone number: Enter a phone number such as 01604 123456');
    expect(text).toMatch(/Referral time: The referral time is in the future: it is \w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2} now \(UK time\)\./);
    // ...and at each field.
    expect(await form.locator('#nNumbersError').innerText()).toContain(`"${mistakes.nNumbers}" is not an N number (expected a value like N146782).`);
    expect(await form.locator('#managerPhoneError').innerText()).toContain('Enter a phone number such as 01604 123456 (digits, spaces, + and ext only).');
    expect(await form.locator('#referredTimeError').innerText()).toContain('The referral time is in the future');
    // The answer replaced the form in place, with everything typed kept.
    expect(await s.chat.requestCardCount()).toBe(forms);
    expect(await inForm.input(labels.nNumbers).inputValue()).toBe(mistakes.nNumbers);
    expect(await inForm.input(labels.childSurnames).inputValue()).toBe(mistakes.childSurnames);
    expect(await inForm.combobox(labels.managerRole).inputValue()).toBe(mistakes.managerRole);
    expect(await inForm.input(labels.managerPhone).inputValue()).toBe(mistakes.managerPhone);
    expect(await inForm.input(labels.reason).inputValue()).toBe(mistakes.reason);
    expect(await inForm.referral()).toEqual(referral);
    expect(await s.chat.cards().filter({ hasText: 'Strategy discussion booked' }).count(), 'nothing booked').toBe(1);
    await s.screenshot('form-with-every-error', form);
  }, 5 * 60_000);

  it('3. urgent: ticked first, the form shows a summary before anything is sent; Back keeps everything; Send gives the urgent card with the escalation contacts and what to do next', async () => {
    const urgentEmails = async () => (await s.bot.desk.db.query<{ n: number }>(`select count(*)::int as n from local_outbox where subject like 'URGENT S47 ENQUIRY%'`)).rows[0]!.n;
    const form = await newForm();
    const inForm = s.chat.in(form);
    await inForm.tick(urgentCriterion);
    await inForm.fill(urgent);
    await s.screenshot('urgent-form-filled', form);
    await inForm.submit();

    // The summary comes first, in place of the form; nothing has gone.
    await until(form, 'Check before sending: URGENT S47 ENQUIRY');
    let text = await textOf(form);
    expect(text).toContain('Nothing has been sent yet.');
    expect(text).toContain(`Case: ${urgent.nNumbers}`);
    expect(text).toContain(`Police will ring: ${urgent.managerPhone}`);
    expect(text).toContain(`Requested by: ${manager} (PM)`);
    expect(text).toContain(urgentCriterion);
    await form.getByRole('button', { name: 'Send URGENT email now' }).waitFor();
    await form.getByRole('button', { name: 'Back to the form' }).waitFor();
    expect(await urgentEmails(), 'no URGENT S47 ENQUIRY before Send').toBe(0);
    await s.screenshot('urgent-summary', form);

    // Back to the form: everything as typed, the criterion still ticked.
    await form.getByRole('button', { name: 'Back to the form' }).click();
    await form.getByLabel(labels.nNumbers).waitFor(forBot);
    expect(await form.getByRole('checkbox', { name: urgentCriterion }).isChecked()).toBe(true);
    expect(await inForm.input(labels.nNumbers).inputValue()).toBe(urgent.nNumbers);
    expect(await inForm.input(labels.childSurnames).inputValue()).toBe(urgent.childSurnames);
    expect(await inForm.combobox(labels.managerRole).inputValue()).toBe(urgent.managerRole);
    expect(await inForm.input(labels.managerPhone).inputValue()).toBe(urgent.managerPhone);
    expect(await inForm.input(labels.reason).inputValue()).toBe(urgent.reason);
    expect(await urgentEmails()).toBe(0);
    await s.screenshot('urgent-back-to-the-form', form);

    // The form's button again, then Send.
    await inForm.submit();
    await until(form, 'Check before sending: URGENT S47 ENQUIRY');
    await form.getByRole('button', { name: 'Send URGENT email now' }).click();
    await until(form, 'Urgent: police referral unit told');
    text = await textOf(form);
    expect(text).toMatch(/URGENT S47 ENQUIRY sent to the police referral unit at \d{2}:\d{2}; police should call you by \d{2}:\d{2}/);
    expect(text).toContain(`Police will ring: ${urgent.managerPhone}`);
    expect(text).toMatch(/If the police have not called by \d{2}:\d{2}, call these in order:/);
    expect(text).toContain('EXAMPLE ONLY (set ESCALATION_CONTACTS) - Duty DS: DS Example, 101 ext 000000');
    expect(text).toContain('EXAMPLE ONLY (set ESCALATION_CONTACTS) - Admin support');
    expect(text).toContain('EXAMPLE ONLY (set ESCALATION_CONTACTS) - MASH service manager');
    expect(text).toContain('Record the call here as soon as the police reach you: it stops the escalation.');
    expect(await urgentEmails(), 'one URGENT S47 ENQUIRY, on Send').toBe(1);
    await s.screenshot('urgent-card', form);

    // The police ring: the card says so, who recorded it, and what happens next.
    await form.getByRole('button', { name: 'Police made contact' }).click();
    await until(form, 'The escalation has stopped.');
    text = await textOf(form);
    expect(text).toMatch(new RegExp(`Police made contact at \\d{2}:\\d{2} \\(recorded by ${manager}\\)`));
    expect(text).toContain('Next: the strategy discussion is held with the police now, on that call');
    expect(await form.getByRole('button', { name: 'Police made contact' }).count()).toBe(0);
    await form.getByRole('button', { name: /^Undo: police have not called \(until \d{2}:\d{2}\)$/ }).waitFor(); // a mis-click can be undone
    await s.screenshot('urgent-police-made-contact', form);
  });

  it('4. longer slot: Need a longer slot on the booking card says how it changed and the new times, and keeps saying so after the card is refreshed', async () => {
    expect(bookingCard, 'step 1 booked').toBeDefined();
    const card = bookingCard!;
    await cardWorkDone();
    await card.getByRole('button', { name: 'Need a longer slot' }).click();
    await until(card, /Extended to a longer slot|Moved to a longer slot/);
    const longer = await liveBooking(booking.nNumbers);
    expect((longer.end.getTime() - longer.start.getTime()) / 60_000).toBe(30);
    const title = longer.start.getTime() === booked!.start.getTime() ? 'Extended to a longer slot' : 'Moved to a longer slot';
    await until(card, formatSlotInWords(longer));
    // The new slot's police email goes, and the card is refreshed: it still says how it changed.
    await cardWorkDone();
    await until(card, 'The police referral unit has the calendar invite and the request by email.');
    const text = await textOf(card);
    expect(text).toContain(title);
    expect(text).toContain(formatSlotInWords(longer));
    expect(text).not.toContain('Strategy discussion booked');
    expect(await card.getByRole('button', { name: 'Need a longer slot' }).count(), 'already a longer slot').toBe(0);
    booked = longer;
    await s.screenshot('longer-slot', card);
  });

  it('5. group chat: plain book reaches nobody; @mention help says how to @mention; @mention my bookings lists nothing booked in the personal chat', async () => {
    expect(booked, 'a live booking in the personal chat').toBeDefined();
    /** The playground's Log Panel: a line per message it passed to the bot, with the text as Teams sends it. */
    const delivered = (text: string) => s.page.getByText(new RegExp(`User Application\\s+message \\d+ ${text}$`));
    const plainBooks = await delivered('book').count();
    await s.chat.openConversation('Group Chat');
    // Added to the group, the bot posts its welcome card, which says to @mention it.
    const welcome = await message(0, 'What you can type:');
    expect(await textOf(welcome)).toContain('In a group chat or channel, @mention me first, for example: @Test Bot book');
    await s.screenshot('group-welcome', welcome);

    // Without an @mention the playground, like Teams, does not pass the message to the bot (the
    // chat list shows it as the group's last message all the same).
    await s.chat.send('book');
    await s.page.getByRole('treeitem', { name: 'Group Chat' }).getByText('book', { exact: true }).waitFor(forBot);

    // Typing "@" opens the playground's mention menu; the bot is listed first, as "Test Bot".
    let before = await s.chat.cards().count();
    await s.chat.mention(botInPlayground, 'help');
    const help = await message(before, 'Strategy Desk help');
    await delivered(`<at>${botInPlayground}</at> help`).waitFor(forBot);
    expect(await delivered('book').count(), 'the plain book never reached the bot').toBe(plainBooks);
    expect(await s.chat.requestCardCount(), 'no request form in the group').toBe(0);
    const helpText = await textOf(help);
    expect(helpText).toContain('In a group chat or channel, @mention me first, for example: @Test Bot book');
    expect(helpText).toContain('my bookings');
    // The chat as a person sees it: the plain book (no answer), the @mention, and the answer.
    const asked = (await s.page.getByText(`${botInPlayground} help`, { exact: true }).last().boundingBox())!;
    const plain = s.page.locator('span').filter({ hasText: /^book$/ }).last();
    const card = (await help.boundingBox())!;
    const top = ((await plain.count()) > 0 ? (await plain.boundingBox())!.y : asked.y) - 36;
    const left = card.x - 48;
    await s.screenshot('group-help', { x: left, y: top, width: asked.x + asked.width + 16 - left, height: card.y + card.height + 12 - top });

    before = await s.chat.cards().count();
    await s.chat.mention(botInPlayground, 'my bookings');
    const list = await message(before, 'Your strategy discussions');
    const listText = await textOf(list);
    expect(listText).toContain('None of your strategy discussions from now on has its card in this conversation.');
    expect(listText).toContain('Type my bookings in your personal chat with me to see all of them.');
    expect(listText).not.toContain(booking.nNumbers);
    expect(listText).not.toContain(booking.childSurnames);
    await s.screenshot('group-my-bookings', list);
  });

  it('6. cancel: Cancel... asks first; No keeps it; Cancel... and Yes cancel it, and no other copy of the card offers Cancel any more', async () => {
    expect(bookingCard, 'step 1 booked').toBeDefined();
    const card = bookingCard!;
    /** The buttons of a card itself (not the playground's own, such as closing its "response sent" bar). */
    const buttonsOf = (message: Locator) => message.locator('.ac-adaptiveCard').first().getByRole('button').allInnerTexts();
    await s.chat.openConversation('Personal Chat');
    await until(card, formatSlotInWords(booked!));
    // Other copies of the case's card in this chat: its agenda, and the card `cancel N146782` posts
    // (it asks straight away; No, keep it turns it into the booking card, with Cancel... again).
    let before = await s.chat.cards().count();
    await card.getByRole('button', { name: 'Show agenda' }).click();
    const agenda = await message(before, 'Strategy discussion agenda');
    await s.screenshot('agenda', agenda);
    before = await s.chat.cards().count();
    await s.chat.send(`cancel ${booking.nNumbers}`);
    const copy = await message(before, 'Cancel this strategy discussion?');
    await copy.getByRole('button', { name: 'No, keep it' }).click();
    await copy.getByRole('button', { name: 'Cancel...' }).waitFor(forBot);
    await cardWorkDone();

    // Cancel... on the booking card only asks.
    await card.getByRole('button', { name: 'Cancel...' }).click();
    await until(card, 'Cancel this strategy discussion?');
    let text = await textOf(card);
    expect(text).toContain('The police referral unit and everyone invited are sent a cancellation');
    expect(text).toContain('This cannot be undone');
    expect(await buttonsOf(card)).toEqual(['Yes, cancel it', 'No, keep it']);
    expect(await liveBooking(booking.nNumbers)).toBeDefined();
    await s.screenshot('cancel-question', card);

    // No, keep it: the card as it was.
    await card.getByRole('button', { name: 'No, keep it' }).click();
    await card.getByRole('button', { name: 'Cancel...' }).waitFor(forBot);
    text = await textOf(card);
    expect(text).not.toContain('Cancel this strategy discussion?');
    expect(text).toContain(formatSlotInWords(booked!));
    expect(text).toMatch(/Extended to a longer slot|Moved to a longer slot/);
    expect(await buttonsOf(card)).toEqual(['Show agenda', 'Cancel...']);
    await s.screenshot('cancel-no-keep-it', card);

    // Cancel... and Yes: cancelled, here and in every other copy.
    await card.getByRole('button', { name: 'Cancel...' }).click();
    await until(card, 'Cancel this strategy discussion?');
    await card.getByRole('button', { name: 'Yes, cancel it' }).click();
    await until(card, 'Strategy discussion cancelled');
    text = await textOf(card);
    expect(text).toContain('The slot is free again and the calendar invite is cancelled');
    expect(text).toContain(formatSlotInWords(booked!));
    expect(await buttonsOf(card)).toEqual(['Request a new discussion']);
    expect((await s.bot.desk.stores.slots.getBooking(booked!.id))?.status).toBe('cancelled');
    await s.screenshot('cancelled', card);
    await until(copy, 'Strategy discussion cancelled');
    await until(agenda, 'Strategy discussion cancelled');
    await cardWorkDone();
    expect(await s.page.getByRole('button', { name: 'Cancel...' }).count(), 'no card in the chat offers Cancel...').toBe(0);
    expect(await s.page.getByText('Invite sent - awaiting police').count(), 'no card still awaits the police').toBe(0);
    await s.screenshot('older-copies-cancelled', copy);
  });

  it("never writes a child's surname in the bot's log", () => {
    const log = s.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const surname of surnames) expect(log, surname).not.toContain(surname);
  });
});
