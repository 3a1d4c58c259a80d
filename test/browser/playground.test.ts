/**
 * The bot as a manager meets it: the Microsoft 365 Agents Playground (Teams channel) in Chromium,
 * in front of the real bot on a fresh embedded store and the system clock. Screenshots of each
 * step go to test/.artifacts/playground/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../bot/server.js';
import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk } from '../../app/openDesk.js';
import { formatSlotInWords } from '../../scheduling/rules/formatUkDateTime.js';
import { londonInstant } from '../../scheduling/rules/londonTime.js';
import { startAgentsPlayground, type RunningPlayground } from '../../scripts/agentsPlayground.js';
import { seedDataDir } from '../fakes/testDb.js';
import { chromiumPath, hasChromium, launchArgs, requireChromium } from './playgroundSession.js';
import { labels, PlaygroundChat, type RequestCardEntry } from './PlaygroundChat.js';
import { inBrowser, sessionTimeout } from './browserTimeouts.js';

requireChromium('test/browser/playground.test.ts');

const artifacts = resolve(import.meta.dirname, '..', '.artifacts', 'playground');
const booked = 'Strategy discussion booked';

const first: RequestCardEntry = { nNumbers: 'N146782', childSurnames: 'Bond', managerRole: 'Team Manager (TM)', managerPhone: '01604 123456', reason: 'Bruising seen at school' };
const second: RequestCardEntry = { nNumbers: 'N146790', childSurnames: 'Fleming', managerRole: 'Practice Manager (PM)', managerPhone: '01604 654321' };
const badNNumber: RequestCardEntry = { nNumbers: 'X12', childSurnames: 'Moneypenny', managerRole: 'Team Manager (TM)', managerPhone: '01604 111222', reason: 'Disclosure to teacher' };


describe.skipIf(!hasChromium)(`Agents Playground against the bot (needs ${chromiumPath})`, inBrowser, () => {
  let dataDir: string;
  let desk: OpenDesk;
  let server: { url: string; close(): Promise<void> };
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;
  let chat: PlaygroundChat;
  let shot = 0;
  let firstSlot: string | undefined;

  const screenshot = (name: string) => page.screenshot({ path: join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });

  /** The slot the rota gives the card's referral now, from the same rules and store as the bot. */
  async function expectedSlot(): Promise<string> {
    const { date, time } = await chat.referral();
    const now = new Date();
    const plan = desk.finder.plan(londonInstant(date, time), now);
    const found = await desk.finder.firstFree({ days: plan.days, cells: desk.finder.cellsFor(false), now });
    if (!found) throw new Error(`the rota has no free slot for a referral at ${date} ${time}`);
    return formatSlotInWords(found.slot);
  }

  /** Asks for a new request card and fills it; resolves with the slot it should get. */
  async function requestDiscussion(entry: RequestCardEntry, name: string): Promise<string> {
    const cards = await chat.requestCardCount();
    await chat.send('book');
    await chat.waitForRequestCard(cards);
    await chat.fill(entry);
    const slot = await expectedSlot();
    await screenshot(`${name}-filled`);
    return slot;
  }

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true }); // only this run's screenshots
    mkdirSync(artifacts, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'sd-playground-'));
    seedDataDir(dataDir); // migrated and empty, as after a first start (not this file's subject)
    desk = await openDesk(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    server = await startServer(desk, { port: 0, log: desk.log, credentials: desk.config.bot });
    const endpoint = new URL('/api/messages', server.url).href;
    playground = await startAgentsPlayground({ endpoint, port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
    page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
    chat = new PlaygroundChat(page);
    await chat.openPersonalChat(playground.url);
  }, sessionTimeout);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(`failed-${context.task.name.replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await server?.close();
    await desk?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, sessionTimeout);

  /** Submits the newest card and waits until the chat shows `bookings` booking cards. */
  async function submitAndAwaitBooking(bookings: number): Promise<void> {
    await chat.submit();
    await page.getByText(booked).nth(bookings - 1).waitFor();
  }

  it('books the slot the rota gives when a manager types book and submits the card', async () => {
    const slot = await requestDiscussion(first, 'first-request');
    await submitAndAwaitBooking(1);
    await screenshot('first-booked');
    expect(await page.getByText(slot, { exact: true }).count(), `a booking card showing ${slot}`).toBe(1);
    expect(await page.getByText('Invite sent - awaiting police').count()).toBe(1);
    firstSlot = slot;
  });

  it('gives a second request the next slot', async () => {
    expect(firstSlot, 'the first booking must have succeeded').toBeDefined();
    const slot = await requestDiscussion(second, 'second-request');
    expect(slot).not.toBe(firstSlot);
    await submitAndAwaitBooking(2);
    await screenshot('second-booked');
    expect(await page.getByText(slot, { exact: true }).count(), `a booking card showing ${slot}`).toBe(1);
    expect(await page.getByText(firstSlot!, { exact: true }).count()).toBe(1);
  });

  it('shows an invalid N number at its field, keeping everything else typed', async () => {
    await requestDiscussion(badNNumber, 'invalid-request');
    const cards = await chat.requestCardCount();
    const referral = await chat.referral();
    await chat.submit();
    const error = page.locator('#nNumbersError').last();
    await error.waitFor();
    await screenshot('invalid-n-number');
    expect(await error.innerText()).toContain(`"${badNNumber.nNumbers}" is not an N number`);
    expect(await chat.requestCardCount(), 'the answer replaces the card in place').toBe(cards);
    expect(await chat.referral()).toEqual(referral);
    expect(await chat.input(labels.nNumbers).inputValue()).toBe(badNNumber.nNumbers);
    expect(await chat.input(labels.childSurnames).inputValue()).toBe(badNNumber.childSurnames);
    expect(await chat.input(labels.managerPhone).inputValue()).toBe(badNNumber.managerPhone);
    expect(await chat.input(labels.reason).inputValue()).toBe(badNNumber.reason);
    expect(await chat.combobox(labels.managerRole).inputValue()).toBe(badNNumber.managerRole);
    expect(await page.getByText(booked).count()).toBe(2);
  });
});
