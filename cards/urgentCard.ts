import type { EscalationContact } from '../scheduling/model/EscalationContact.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import type { MailState } from '../scheduling/model/Mail.js';
import { formatUkTime } from '../scheduling/rules/formatUkDateTime.js';
import { urgentCriteria } from '../scheduling/model/UrgentCriterion.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { caseLines } from './caseLines.js';
import { inertText } from './inertText.js';
import template from './urgentCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

export interface UrgentCardInput {
  readonly request: Pick<StoredRequest, 'id' | 'nNumbers' | 'childSurnames' | 'urgent' | 'policeContactAt' | 'policeContactBy' | 'managerPhone'>;
  /** The URGENT S47 ENQUIRY email; when not given, `sent` if `sentAt` is, else `pending`. */
  readonly email?: MailState;
  /** When the URGENT S47 ENQUIRY email went; only for a sent email. */
  readonly sentAt?: Date;
  /** When police should have called (one hour on). */
  readonly policeContactDue: Date;
  /** The area's escalation contacts, in order (configuration). */
  readonly contacts: readonly EscalationContact[];
  /**
   * Set once police have not called in time (the desk's `UrgentOutcome.escalation`): the card
   * turns to the escalation and shows the contacts of the level to call now.
   */
  readonly escalation?: {
    readonly since: Date;
    readonly level: number;
    readonly contacts: readonly EscalationContact[];
    readonly lastLevel: boolean;
  };
  readonly audience: Audience;
  /** Police contact is recorded and may be undone until then (the desk's `UrgentOutcome.undoUntil`): the card offers Undo. */
  readonly undoUntil?: Date;
  /** Record the discussion: the date and time typed (kept), and a problem with them, or that the plan was posted. */
  readonly record?: { readonly meetingDate: string; readonly meetingTime: string; readonly error?: string; readonly posted?: boolean };
}

/**
 * The urgent card: whether the URGENT S47 ENQUIRY has gone (and when) - never "sent" for an email
 * that has not - and by when police should call, the escalation contacts, and a Police made
 * contact button (gone once contact is recorded; an Undo for a mis-click is offered for 15 minutes). Once police have not called in time it turns to
 * the escalation: the contacts of the level to call now and a Could not reach button that moves
 * to the next level. Record the discussion opens the action plan with the date and time typed in.
 * Rule: DOMAIN.md "URGENT (live section 47)"; an email not gone yet is said so (review item 4).
 * @example
 * urgentCard({ email: 'sent', sentAt: 14:02, policeContactDue: 15:02, ... })
 * // shows 'URGENT S47 ENQUIRY sent to the police referral unit at 14:02; police should call you by 15:02'
 * urgentCard({ email: 'pending', policeContactDue: 15:02, ... })
 * // shows 'URGENT S47 ENQUIRY email pending: it has not reached the police referral unit yet...'
 */
export function urgentCard(input: UrgentCardInput): AdaptiveCard {
  const { request, sentAt, policeContactDue, contacts, escalation, audience } = input;
  const due = formatUkTime(policeContactDue);
  const labels = new Map<string, string>(urgentCriteria.map((c) => [c.id, c.label]));
  const email = sentAt && (input.email ?? 'sent') === 'sent' ? 'sent' : input.email === 'needs-checking' ? 'needs-checking' : 'pending';
  const told = {
    sent: { title: 'Urgent: police referral unit told', headline: `URGENT S47 ENQUIRY sent to the police referral unit at ${sentAt ? formatUkTime(sentAt) : ''}; police should call you by ${due}` },
    pending: {
      title: 'Urgent: police email pending',
      headline: `URGENT S47 ENQUIRY email pending: it has not reached the police referral unit yet; Strategy Desk will retry. Police should call you by ${due} - if you cannot wait, phone them now using the contacts below.`,
    },
    'needs-checking': {
      title: 'Urgent: police email not confirmed',
      headline: `URGENT S47 ENQUIRY email not confirmed: it may not have reached the police referral unit, and a person has been asked to check. Please phone the police using the contacts below; they should call you by ${due}.`,
    },
  }[email];
  const escalated = escalation !== undefined && request.policeContactAt === undefined;
  return expandCard(template, {
    title: escalated ? 'Urgent: police have not called - escalate now' : told.title,
    headline: told.headline,
    case: caseLines(request, audience),
    phone: inertText(request.managerPhone),
    criteria: request.urgent.map((id) => labels.get(id) ?? id),
    contacted: request.policeContactAt !== undefined,
    contactedText: request.policeContactAt
      ? `Police made contact at ${formatUkTime(request.policeContactAt)}${request.policeContactBy ? ` (recorded by ${inertText(request.policeContactBy)})` : ''}. The escalation has stopped. Next: the strategy discussion is held with the police now, on that call - no rota slot is booked for an urgent case; record it and its actions.`
      : '',
    escalateText: `If the police have not called by ${due}, call these in order:`,
    contacts: contacts.map((c) => ({ label: inertText(c.label), name: inertText(c.name), phone: inertText(c.phone) })),
    verb: verbs.policeMadeContact,
    undo: input.undoUntil !== undefined,
    undoVerb: verbs.undoPoliceContact,
    undoTitle: input.undoUntil ? `Undo: police have not called (until ${formatUkTime(input.undoUntil)})` : '',
    requestId: request.id,
    escalated,
    escalation: escalation && escalationView(escalation, due),
    notReachedVerb: verbs.urgentNotReached,
    recordVerb: verbs.recordDiscussion,
    record: {
      meetingDate: inertText(input.record?.meetingDate ?? ''),
      meetingTime: inertText(input.record?.meetingTime ?? ''),
      ...(input.record?.error ? { error: inertText(input.record.error) } : {}),
      posted: input.record?.posted ?? false,
    },
  });
}

/** What the escalation part of the card says at `level`. */
function escalationView(escalation: NonNullable<UrgentCardInput['escalation']>, due: string) {
  const { level, contacts, lastLevel } = escalation;
  const who = level === 1 ? 'the DS' : inertText(contacts[0]?.label ?? 'them');
  return {
    level,
    text: level === 1 ? `Police have not called (they should have by ${due}). Call now:` : `Escalation level ${level}: nobody was reached at the level before. Call now:`,
    contacts: contacts.map((c) => ({ label: inertText(c.label), name: inertText(c.name), phone: inertText(c.phone) })),
    next: lastLevel
      ? 'These are the last escalation contacts for your area: keep trying, and record the call here as soon as the police reach you.'
      : 'If you cannot reach them, say so here to see who to call next. Record the call as soon as the police reach you: it stops the escalation.',
    notReachedTitle: `Could not reach ${who}`,
  };
}
