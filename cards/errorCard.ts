import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { inertText } from './inertText.js';
import template from './noticeCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

export interface ErrorCardInput {
  readonly title: string;
  /** What happened and what to do, in the bot's words (never a child's name). */
  readonly lines: readonly string[];
  /** Offer a button that opens a fresh request card. */
  readonly offerRequest?: boolean;
}

/**
 * A card that says something went wrong and what to do next.
 * @example
 * errorCard({ title: 'No free slot', lines: ['...'], offerRequest: true })
 */
export function errorCard(input: ErrorCardInput): AdaptiveCard {
  return expandCard(template, {
    title: input.title,
    color: 'attention',
    lines: input.lines.map(inertText),
    offerRequest: input.offerRequest ?? false,
    verb: verbs.openRequest,
  });
}
