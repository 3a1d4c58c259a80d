/**
 * Issue 8, "Local mode by hand", as a person tries it: the bot started as `npm start` starts it
 * (app/startBot.ts) on a fresh embedded store, a manager books in the Agents Playground's
 * personal chat in Chromium, then, in another process, the command line plays the police
 * accepting the invite in Outlook (`calendar --respond`), reaching the bot's store through its
 * socket. Within the calendar poll the booking card in the browser says who accepted and when,
 * and the manager gets a short message. Screenshots go to test/.artifacts/playground-replies/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatUkDateTimeInWords, formatUkTime } from '../../scheduling/rules/formatUkDateTime.js';
import { runCli, type CliRun } from '../bot/deskProcesses.js';
import type { RequestCardEntry } from './PlaygroundChat.js';
import { hasChromium, requireChromium, startPlaygroundSession, type PlaygroundSession } from './playgroundSession.js';
import { inBrowser, sessionTimeout } from './browserTimeouts.js';

requireChromium('test/browser/playgroundReplies.test.ts');

/** The shortest poll the config allows; the card must change within it (plus the job engine's own poll). */
const calendarPollSeconds = 10;
/** Generous: one poll interval, a job poll, a card update and the browser's re-render, many times over. */
const withinPoll = { timeout: 6 * calendarPollSeconds * 1000 };

const entry: RequestCardEntry = { nNumbers: 'N157301', childSurnames: 'Carver', managerRole: 'Team Manager (TM)', managerPhone: '01604 123456', reason: 'Disclosure to a school nurse' };

describe.skipIf(!hasChromium)(`the police's reply reaches the booking card in the Agents Playground (needs /usr/bin/chromium)`, inBrowser, () => {
  let s: PlaygroundSession;

  beforeAll(async () => {
    s = await startPlaygroundSession({
      artifacts: 'playground-replies',
      env: { CALENDAR_POLL_SECONDS: String(calendarPollSeconds), JOB_POLL_SECONDS: '1' },
      viewport: { width: 1400, height: 1700 },
    });
  }, sessionTimeout);

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await s.screenshot(`failed-${context.task.name.replace(/\W+/g, '-')}`);
    console.error(`the bot's log:\n${s.logLines.join('')}`);
  });

  afterAll(async () => {
    await s?.close();
  }, sessionTimeout);

  it('turns the booking card to "Accepted by DS Smith (...) at hh:mm" and tells the manager, after the command line answers the invite', async () => {
    const { chat, page, bot, dataDir } = s;
    await chat.send('book');
    await chat.waitForRequestCard(0);
    await chat.fill(entry);
    await chat.submit();
    await page.getByText('Strategy discussion booked').waitFor();
    await page.getByText('Invite sent - awaiting police').waitFor();
    await s.screenshot('booked-awaiting-police');

    // Another terminal: the police referral unit accepts in "Outlook", as DS Smith.
    const police = bot.desk.config.policeReferralAddress;
    const before = new Date();
    const answered: CliRun = await runCli(dataDir, ['calendar', '--respond', entry.nNumbers, '--attendee', police, '--response', 'accepted', '--name', 'DS Smith']);
    const after = new Date();
    expect(answered.stderr, 'the command line says nothing is wrong').toBe('');
    expect(answered.code).toBe(0);
    expect(answered.stdout).toContain(`${police} answered accepted for booking`);
    // Not shown yet: the bot learns of it only when it polls the calendar.
    await s.screenshot('answered-in-outlook');

    const at = [...new Set([formatUkTime(before), formatUkTime(after)])];
    const accepted = page.getByText(new RegExp(`^Accepted by DS Smith \\(${police.replace(/\./g, '\\.')}\\) at (${at.join('|')})$`));
    await accepted.first().waitFor(withinPoll);
    expect(await page.getByText('Invite sent - awaiting police').count(), 'the booking card no longer awaits the police').toBe(0);

    // The manager's short message, in the same personal chat.
    await page.getByText('Police accepted the invite').waitFor(withinPoll);
    const when = [...new Set([formatUkDateTimeInWords(before), formatUkDateTimeInWords(after)])];
    const told = page.getByText(new RegExp(`^Accepted by DS Smith \\(${police.replace(/\./g, '\\.')}\\) on (${when.join('|')})\\.$`));
    await told.first().waitFor(withinPoll);
    await s.screenshot('accepted-and-told');
    expect(await page.getByText('Police accepted the invite').count(), 'one message, not one per poll').toBe(1);

    // Ids and N numbers only in the bot's log, never the child's name.
    expect(s.logLines.join('')).not.toContain(entry.childSurnames);
  });
});
