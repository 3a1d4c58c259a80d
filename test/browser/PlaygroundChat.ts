import type { Locator, Page } from 'playwright-core';

/** What the test types into the request card; labels are the card's own (cards/requestCard.json). */
export interface RequestCardEntry {
  readonly nNumbers: string;
  readonly childSurnames: string;
  readonly managerRole: 'Team Manager (TM)' | 'Practice Manager (PM)';
  readonly managerPhone: string;
  readonly reason?: string;
}

export const labels = {
  nNumbers: 'N number(s), separated by commas',
  childSurnames: "Children's surname(s)",
  managerName: 'Your name',
  managerRole: 'Your role',
  managerPhone: 'Phone number the police can call you on',
  referredDate: 'Date the referral was received',
  referredTime: 'Time the referral was received (UK time, 24-hour HH:MM)',
  moreOptions: 'More options: longer slot, reason, other invitees',
  reason: 'Reason for the strategy discussion (optional)',
  submit: 'Request discussion',
} as const;

/** Matches an accessible name that starts with `text`. */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The Agents Playground's Teams-like web client as a person uses it: pick the personal chat,
 * type a message, fill the newest Adaptive Card by its labels. Selectors come from the
 * playground's own DOM (version 0.2.x): chats are tree items, the compose box is the one contenteditable
 * textbox, card inputs carry their card labels, compact choice sets are comboboxes.
 */
export class PlaygroundChat {
  /** The verbs of the `adaptiveCard/action` invokes the page sent, in order (what was pressed, and any refresh). */
  readonly invokedVerbs: string[];
  /** How many card updates (the bot's `updateActivity`) the page has been pushed so far (shared with scoped copies). */
  private readonly seen: { updates: number; waiters: { count: number; resolve: () => void }[] };

  /**
   * @param scope where card inputs and buttons are looked for: the whole page (the newest of each
   *   wins), or one card's message (`in`). Inputs folded away under More options are not in the
   *   page at all until opened, so "the newest on the page" can be an older card's: scope to the form.
   */
  constructor(
    readonly page: Page,
    private readonly scope: Page | Locator = page,
    shared?: { invokedVerbs: string[]; seen: PlaygroundChat['seen'] },
  ) {
    if (shared) {
      this.invokedVerbs = shared.invokedVerbs;
      this.seen = shared.seen;
      return;
    }
    this.invokedVerbs = [];
    this.seen = { updates: 0, waiters: [] };
    const seen = this.seen;
    page.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/_conversation/v1/invoke')) return;
      const verb = (request.postDataJSON() as { value?: { action?: { verb?: unknown } } } | null)?.value?.action?.verb;
      if (typeof verb === 'string') this.invokedVerbs.push(verb);
    });
    // The playground pushes a bot's update of a posted card to the page as an `updateMessage` frame.
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.includes('"action":"updateMessage"')) return;
        seen.updates++;
        for (const waiter of seen.waiters.filter((w) => seen.updates >= w.count)) {
          seen.waiters.splice(seen.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      });
    });
  }

  /** The same chat, with card inputs and buttons looked for in one card's message only. */
  in(card: Locator): PlaygroundChat {
    return new PlaygroundChat(this.page, card, { invokedVerbs: this.invokedVerbs, seen: this.seen });
  }

  /** How many card updates the page has been pushed: read before an action, then `waitForUpdates(before + 1)`. */
  updateCount(): number {
    return this.seen.updates;
  }

  /**
   * Resolves once the page has been pushed `count` card updates in all. A card the bot updates
   * re-renders (open forms close, typed text goes), so wait for it before typing into that card.
   */
  waitForUpdates(count: number, timeoutMs = 60_000): Promise<void> {
    const seen = this.seen;
    if (seen.updates >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the page got ${seen.updates} card updates, not ${count}, within ${timeoutMs / 1000} s`)), timeoutMs);
      seen.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async openPersonalChat(url: string): Promise<void> {
    await this.page.goto(url);
    await this.openConversation('Personal Chat');
  }

  /** Switches to one of the playground's conversations, as listed in its left-hand tree. */
  async openConversation(name: 'Personal Chat' | 'Group Chat'): Promise<void> {
    await this.page.getByRole('treeitem', { name }).click();
  }

  private compose(): Locator {
    return this.page.locator('[role="textbox"][contenteditable="true"]');
  }

  async send(text: string): Promise<void> {
    const compose = this.compose();
    await compose.click();
    await compose.pressSequentially(text);
    await compose.press('Enter');
  }

  /**
   * Sends `text` after an @mention of `who`, as a person does in the playground's group chat: "@"
   * opens its typeahead menu ("Typeahead menu": the bot, then the chat's members), picking a name
   * puts a mention chip in the compose box, and the message goes out as `<at>who</at> text`.
   */
  async mention(who: string, text: string): Promise<void> {
    const compose = this.compose();
    await compose.click();
    await compose.pressSequentially('@');
    await this.page.getByRole('menuitem', { name: who }).click();
    await compose.pressSequentially(` ${text}`);
    await compose.press('Enter');
  }

  /** Every card the bot has posted in the open conversation, oldest first (one message each). */
  cards(): Locator {
    return this.page.locator('.fai-OutputCard');
  }

  /** The newest card in the open conversation that shows `text`. */
  card(text: string | RegExp): Locator {
    return this.cards().filter({ hasText: text }).last();
  }

  /** Ticks a check box of the newest card by its title (an expanded multi-select choice set). */
  async tick(title: string): Promise<void> {
    await this.scope.getByRole('checkbox', { name: title }).last().check();
  }

  /** The newest input with this card label (older cards in the chat keep theirs). */
  input(label: string): Locator {
    return this.scope.getByLabel(label).last();
  }

  combobox(label: string): Locator {
    return this.scope.getByRole('combobox', { name: label }).last();
  }

  /** Waits for a new request card: one more N number input than before. */
  async waitForRequestCard(before: number): Promise<void> {
    await this.page.getByLabel(labels.nNumbers).nth(before).waitFor();
  }

  requestCardCount(): Promise<number> {
    return this.page.getByLabel(labels.nNumbers).count();
  }

  // Ending with a key press, not fill() alone: the playground's card renderer re-renders on a
  // choice change and keeps only values it saw typed, so a fill()ed text box reverts to its
  // initial value.
  async type(label: string, value: string): Promise<void> {
    await replaceText(this.input(label), value);
  }

  /**
   * The newest input whose card label starts with `label` (getByLabel alone matches anywhere in
   * the label: "Name" would also find "Role (e.g. ..., named nurse)").
   */
  field(label: string): Locator {
    return this.page.getByLabel(startsWith(label)).last();
  }

  /** Types into the newest input labelled `label...`, replacing what it held (key presses: see `type`). */
  async typeInto(label: string, value: string): Promise<void> {
    await replaceText(this.field(label), value);
  }

  /** Picks `option` in the newest compact choice set labelled `label...`. */
  async choose(label: string, option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: startsWith(label) }).last().click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /**
   * Picks a date (`YYYY-MM-DD`) in the newest date input labelled `label...` as a person does: the
   * playground's date picker is a modal calendar pop-up (while open, the rest of the page is hidden
   * from the accessibility tree), opened on the current month; its arrows go a month at a time and
   * each day is a button named like "11, December, 2026".
   */
  async pickDate(label: string, day: string): Promise<void> {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const wanted = `${months[month - 1]} ${year}`;
    await this.page.getByRole('combobox', { name: startsWith(label) }).last().click();
    const picker = this.page.getByRole('dialog');
    const shown = picker.getByRole('button', { name: /^[A-Z][a-z]+ \d{4}$/ }).first();
    for (let step = 0; step < 24 && (await shown.innerText()) !== wanted; step++) {
      const later = Date.UTC(year, month - 1) > Date.parse(`1 ${await shown.innerText()} UTC`);
      await picker.getByTitle(later ? /^Next month/ : /^Previous month/).click();
    }
    await picker.getByRole('button', { name: `${date}, ${months[month - 1]}, ${year}`, exact: true }).filter({ visible: true }).click();
    await picker.waitFor({ state: 'hidden' });
  }

  /** Presses the newest button titled exactly `title` (a card's action). */
  async press(title: string): Promise<void> {
    await this.page.getByRole('button', { name: title, exact: true }).last().click();
  }

  /** The newest Adaptive Card (a whole card, not a form shown inside one) that shows `title`. */
  adaptiveCard(title: string): Locator {
    return this.page.locator('.ac-adaptiveCard', { hasText: title }).last();
  }

  async fill(entry: RequestCardEntry): Promise<void> {
    await this.combobox(labels.managerRole).click();
    await this.page.getByRole('option', { name: entry.managerRole }).click();
    await this.type(labels.nNumbers, entry.nNumbers);
    await this.type(labels.childSurnames, entry.childSurnames);
    await this.type(labels.managerPhone, entry.managerPhone);
    if (entry.reason !== undefined) {
      // Optional inputs are folded under More options until opened.
      if (!(await this.input(labels.reason).isVisible())) await this.scope.getByRole('button', { name: labels.moreOptions }).last().click();
      await this.type(labels.reason, entry.reason);
    }
  }

  async submit(): Promise<void> {
    await this.scope.getByRole('button', { name: labels.submit }).last().click();
  }

  /**
   * The referral date and time the card shows (the bot prefills them with now), as the card
   * sends them: `YYYY-MM-DD` and `HH:mm`. The playground displays "November 23, 2026"; the time is
   * a text box holding 24-hour "09:30", as typed.
   */
  async referral(): Promise<{ date: string; time: string }> {
    const shownDate = await this.combobox(labels.referredDate).inputValue();
    const shownTime = await this.input(labels.referredTime).inputValue();
    const d = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(shownDate);
    const month = d ? months.indexOf(d[1]!) + 1 : 0;
    if (!d || month === 0 || !/^\d{2}:\d{2}$/.test(shownTime)) throw new Error(`unexpected referral date/time on the card: "${shownDate}" "${shownTime}"`);
    const pad = (n: number | string) => String(n).padStart(2, '0');
    return { date: `${d[3]}-${pad(month)}-${pad(d[2]!)}`, time: shownTime };
  }
}

/**
 * Replaces what a text box holds, ending with a key press (see `PlaygroundChat.type`): all but
 * the last character go in at once, the last is typed. The card then keeps the whole value
 * through a re-render, as when every character is typed, and each character typed cost the
 * browser about 10 ms of CPU (the card re-renders at every key).
 */
async function replaceText(box: Locator, value: string): Promise<void> {
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Delete');
  if (value.length > 1) await box.fill(value.slice(0, -1));
  await box.pressSequentially(value.slice(-1));
}
