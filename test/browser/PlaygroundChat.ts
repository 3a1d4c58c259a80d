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

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The Agents Playground's Teams-like web client as a person uses it: pick the personal chat,
 * type a message, fill the newest Adaptive Card by its labels. Selectors come from the
 * playground's own DOM (version 0.2.x): chats are tree items, the compose box is the one contenteditable
 * textbox, card inputs carry their card labels, compact choice sets are comboboxes.
 */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  async openPersonalChat(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  }

  async send(text: string): Promise<void> {
    const compose = this.page.locator('[role="textbox"][contenteditable="true"]');
    await compose.click();
    await compose.pressSequentially(text);
    await compose.press('Enter');
  }

  /** The newest input with this card label (older cards in the chat keep theirs). */
  input(label: string): Locator {
    return this.page.getByLabel(label).last();
  }

  combobox(label: string): Locator {
    return this.page.getByRole('combobox', { name: label }).last();
  }

  /** Waits for a new request card: one more N number input than before. */
  async waitForRequestCard(before: number): Promise<void> {
    await this.page.getByLabel(labels.nNumbers).nth(before).waitFor();
  }

  requestCardCount(): Promise<number> {
    return this.page.getByLabel(labels.nNumbers).count();
  }

  // Key presses, not fill(): the playground's card renderer re-renders on a choice change and
  // keeps only values it saw typed, so a fill()ed text box reverts to its initial value.
  private async type(label: string, value: string): Promise<void> {
    const box = this.input(label);
    await box.click();
    await box.press('ControlOrMeta+a');
    await box.press('Delete');
    await box.pressSequentially(value);
  }

  async fill(entry: RequestCardEntry): Promise<void> {
    await this.combobox(labels.managerRole).click();
    await this.page.getByRole('option', { name: entry.managerRole }).click();
    await this.type(labels.nNumbers, entry.nNumbers);
    await this.type(labels.childSurnames, entry.childSurnames);
    await this.type(labels.managerPhone, entry.managerPhone);
    if (entry.reason !== undefined) {
      // Optional inputs are folded under More options until opened.
      if (!(await this.input(labels.reason).isVisible())) await this.page.getByRole('button', { name: labels.moreOptions }).last().click();
      await this.type(labels.reason, entry.reason);
    }
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: labels.submit }).last().click();
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
