import { expect } from 'vitest';
import type { BotHarness } from './botHarness.js';
import { cardIn, type ConnectorCall } from './LoopbackConnector.js';
import { cardAction, teamsMessage, type Where } from './teamsActivities.js';

/** What a manager types into the request card in these tests (the referral is Monday 09:30). */
export const filled = {
  nNumbers: 'N146782',
  childSurnames: 'Zanzibarova',
  managerName: 'Alex Wilber',
  managerRole: 'TM',
  managerPhone: '01604 123456',
  referredDate: '2026-11-23',
  referredTime: '09:30',
  urgent: '',
  longerSlot: 'false',
  reason: 'Bruising seen at school',
  invitees: 'nurse@health.example.org',
};

export interface SentCard {
  readonly call: ConnectorCall;
  readonly card: Record<string, any>;
  /** The message id of the card, as Teams gives it back in an invoke's replyToId. */
  readonly cardId: string;
}

/** Types `book` and returns the request card the bot posts back. */
export async function askForRequestCard(bot: BotHarness, where: Omit<Where, 'serviceUrl'> = {}): Promise<SentCard & { requestKey: string }> {
  const before = bot.connector.posted().length;
  const answer = await bot.post(teamsMessage('book', { serviceUrl: bot.connector.url, ...where }));
  expect(answer.status).toBe(200);
  const call = bot.connector.posted()[before]!;
  const card = cardIn(call.body)!;
  expect(card.actions[0].verb).toBe('strategy.request');
  return { call, card, cardId: call.id, requestKey: card.actions[0].data.requestKey };
}

/**
 * Presses Request discussion on a request card with these inputs; gives the invoke's HTTP answer.
 * An urgent request is answered first with the summary (nothing sent yet): this presses its Send
 * URGENT email now as a manager would (typing the surnames again where the summary asks for them)
 * and gives that answer. `submitOnly` stops at the first answer.
 */
export async function submitRequest(bot: BotHarness, sent: { cardId: string; requestKey: string }, values: Record<string, string>, where: Omit<Where, 'serviceUrl'> = {}, submitOnly = false) {
  const first = await bot.post(cardAction('strategy.request', { requestKey: sent.requestKey, ...values }, { serviceUrl: bot.connector.url, cardId: sent.cardId, ...where }));
  const summary = first.body?.value;
  if (submitOnly || !(values.urgent ?? '').trim() || !JSON.stringify(summary ?? '').includes('Send URGENT email now')) return first;
  const send = summary.actions.find((a: { title: string }) => a.title === 'Send URGENT email now');
  const typedAgain = JSON.stringify(summary).includes('"id":"childSurnames"') ? { childSurnames: values.childSurnames } : {};
  return bot.post(cardAction(send.verb, { ...send.data, ...typedAgain }, { serviceUrl: bot.connector.url, cardId: sent.cardId, ...where }));
}

/** Presses a button (verb) with data on the card with id `cardId`. */
export function press(bot: BotHarness, verb: string, data: Record<string, unknown>, cardId: string, where: Omit<Where, 'serviceUrl'> = {}) {
  return bot.post(cardAction(verb, data, { serviceUrl: bot.connector.url, cardId, ...where }));
}

/** The card of an invoke's answer, checking it is the Adaptive Card answer shape. */
export function answeredCard(answer: { status: number; body: any }): Record<string, any> {
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return answer.body.value;
}
