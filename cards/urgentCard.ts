import type { EscalationContact } from '../scheduling/config/config.js';
import type { StoredRequest } from '../scheduling/ports/Store.js';
import { formatUkTime } from '../scheduling/rules/formatUkDateTime.js';
import { urgentCriteria } from '../scheduling/rules/urgentCriteria.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { caseLines } from './caseLines.js';
import { inertText } from './inertText.js';
import template from './urgentCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

export interface UrgentCardInput {
  readonly request: Pick<StoredRequest, 'id' | 'nNumbers' | 'childSurnames' | 'urgent' | 'policeContactAt'>;
  /** When the URGENT S47 ENQUIRY email went. */
  readonly sentAt: Date;
  /** When police should have called (one hour on). */
  readonly policeContactDue: Date;
  /** The area's escalation contacts, in order (configuration). */
  readonly contacts: readonly EscalationContact[];
  readonly audience: Audience;
}

/**
 * The urgent card: when the URGENT S47 ENQUIRY went and by when police should call, the
 * escalation contacts, and a Police made contact button (gone once contact is recorded).
 * Rule: DOMAIN.md "URGENT (live section 47)".
 * @example
 * urgentCard({ sentAt: 14:02, policeContactDue: 15:02, ... })
 * // shows 'URGENT S47 ENQUIRY sent to the police referral unit at 14:02; police should call you by 15:02'
 */
export function urgentCard(input: UrgentCardInput): AdaptiveCard {
  const { request, sentAt, policeContactDue, contacts, audience } = input;
  const due = formatUkTime(policeContactDue);
  const labels = new Map<string, string>(urgentCriteria.map((c) => [c.id, c.label]));
  return expandCard(template, {
    headline: `URGENT S47 ENQUIRY sent to the police referral unit at ${formatUkTime(sentAt)}; police should call you by ${due}`,
    case: caseLines(request, audience),
    criteria: request.urgent.map((id) => labels.get(id) ?? id),
    contacted: request.policeContactAt !== undefined,
    contactedText: request.policeContactAt ? `Police made contact at ${formatUkTime(request.policeContactAt)}. The escalation has stopped.` : '',
    escalateText: `If the police have not called by ${due}, call these in order:`,
    contacts: contacts.map((c) => ({ label: inertText(c.label), name: inertText(c.name), phone: inertText(c.phone) })),
    verb: verbs.policeMadeContact,
    requestId: request.id,
  });
}
