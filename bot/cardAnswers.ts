import { CardFactory, MessageFactory, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';

/** A message activity carrying one card. */
export function cardMessage(card: AdaptiveCard): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The invoke answer that replaces the clicked card with `card` (for the person who clicked). */
export function cardAnswer(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as unknown as Record<string, unknown> };
}

/** The invoke answer that leaves the card as it is and shows a short message. */
export function messageAnswer(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

/** The invoke answer for an action the bot cannot take (unknown verb, missing data). */
export function invokeError(statusCode: 400 | 404, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code: statusCode === 400 ? 'BadRequest' : 'NotFound', message } };
}
