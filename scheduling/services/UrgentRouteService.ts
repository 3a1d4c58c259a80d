import type { RequestStore } from '../ports/RequestStore.js';
import type { Clock } from '../ports/Clock.js';
import type { MailState } from '../model/Mail.js';
import type { Actor } from '../model/Actor.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { ActionSource } from '../model/ActionSource.js';
import { policeContactDue } from '../rules/policeContactDue.js';
import { urgentEnquiryMail } from '../rules/referralMails.js';
import type { CaseAccess } from './CaseAccess.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { MailOnce } from './MailOnce.js';

export interface UrgentOutcome {
  readonly request: StoredRequest;
  /**
   * The URGENT S47 ENQUIRY email: `sent`; `pending` (not gone yet - being sent elsewhere, or failed
   * and retried by the reconciler); or `needs-checking` (it may have gone; a person must check).
   */
  readonly email: MailState;
  /** When the email went; only when `email` is `sent`. */
  readonly sentAt?: Date;
  /**
   * Police should have phoned the manager by then; past it, the manager is shown the escalation
   * contacts. An hour from the email; until it has gone, an hour from the request, so a late
   * email never makes the escalation later.
   */
  readonly policeContactDue: Date;
}

/**
 * The urgent route (live section 47): no rota slot; the request goes to the police referral unit
 * as `URGENT S47 ENQUIRY` and the one-hour police contact clock starts.
 * Rule: DOMAIN.md "URGENT (live section 47)".
 */
export class UrgentRouteService {
  constructor(private readonly deps: { requests: RequestStore; clock: Clock; mail: MailOnce; access: CaseAccess; policeReferralAddress: string }) {}

  /**
   * Sends the urgent email once (a retry does not resend) and records on the request when it
   * went - only once it has gone, by this call or (as the mail ledger shows) by an earlier one.
   * An email not gone yet is `pending`; the reconciler sends it later.
   */
  async send(request: StoredRequest, actor: Actor): Promise<UrgentOutcome> {
    const { requests, mail, policeReferralAddress } = this.deps;
    if (request.urgentSentAt) return outcomeOf(request, 'sent');
    const sent = await mail.sendOnce(mailKeyOf(request), urgentEnquiryMail(request, policeReferralAddress));
    if (sent.state !== 'sent' || !sent.sentAt) return outcomeOf(request, sent.state);
    return outcomeOf(await requests.markUrgentSent(request.id, sent.sentAt, actor), 'sent');
  }

  /**
   * The manager records that police made contact: this stops the escalation.
   * @throws NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const { requests, clock, access } = this.deps;
    const request = await requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    await access.check(request, actor, from, 'request.police-contact', { entity: 'request', id: requestId });
    if (request.route !== 'urgent') throw new ConflictError('police contact is recorded on urgent requests only');
    const recorded = await requests.recordPoliceContact(requestId, clock.now(), actor);
    return this.stateOf(recorded);
  }

  /** Where an urgent request stands now: its email and its police contact clock. Reads only. */
  async stateOf(request: StoredRequest): Promise<UrgentOutcome> {
    return outcomeOf(request, request.urgentSentAt ? 'sent' : await this.deps.mail.stateOf(mailKeyOf(request)));
  }
}

/** The mail ledger's key for a request's URGENT S47 ENQUIRY. */
const mailKeyOf = (request: StoredRequest) => `urgent-s47:${request.id}`;

/** The urgent clock of a request: from when its email went, or from the request while it has not. */
function outcomeOf(request: StoredRequest, email: MailState): UrgentOutcome {
  const sentAt = email === 'sent' ? request.urgentSentAt : undefined;
  return { request, email, ...(sentAt ? { sentAt } : {}), policeContactDue: policeContactDue(sentAt ?? request.createdAt) };
}
