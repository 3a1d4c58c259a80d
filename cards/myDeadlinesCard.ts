import type { ClockKind, Deadline } from '../scheduling/model/StatutoryClock.js';
import { formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { inertText } from './inertText.js';
import template from './myDeadlinesCard.json' with { type: 'json' };

/** How many deadlines one card lists: keeps it well under the 28 KB card limit. */
export const maxListedDeadlines = 20;

/** What each clock waits for, in the words of DOMAIN.md "Clocks the product keeps". */
const waitsFor: Record<ClockKind, string> = {
  minutes: 'Record of the strategy discussion circulated to all participants',
  's47-outcome': 'Section 47 record outcome',
  's47-enquiry': 'Section 47 enquiry completed',
  conference: 'Initial child protection conference held',
  action: 'Action completed',
};

export interface MyDeadlinesCardInput {
  /** Soonest first, as the desk lists them (`deadlinesOf`). */
  readonly deadlines: ReadonlyArray<Pick<Deadline, 'kind' | 'due' | 'nNumbers'>>;
  /** Now, to tell overdue from due. */
  readonly now: Date;
}

/**
 * What is due and overdue for the person asking, soonest first, each by its case's N numbers
 * only - never a name, so the card is the same in every conversation.
 * Rule: DOMAIN.md "Clocks the product keeps" and "Privacy and safety rules of the domain".
 * @example
 * myDeadlinesCard({ deadlines: [{ kind: 'minutes', due: 2026-11-26T10:15Z, nNumbers: ['N146782'] }], now: 2026-11-26T11:00Z })
 * // shows 'Record of the strategy discussion circulated...', 'Case: N146782', 'Overdue: was due Thursday 26 November 2026, 10:15'
 */
export function myDeadlinesCard(input: MyDeadlinesCardInput): AdaptiveCard {
  const listed = input.deadlines.slice(0, maxListedDeadlines);
  return expandCard(template, {
    items: listed.map((d) => ({
      what: waitsFor[d.kind],
      nNumbers: inertText(d.nNumbers.join(', ')),
      due: formatUkDateTimeInWords(d.due),
      overdue: d.due <= input.now,
    })),
    more: input.deadlines.length - listed.length,
  });
}
