import type { Clock } from '../ports/Clock.js';
import type { Actor, Store, StoredRequest } from '../ports/Store.js';
import type { ActionSource } from '../rules/mayActOnCase.js';
import { policeContactDue } from '../rules/policeContactDue.js';
import { urgentEnquiryMail } from '../rules/referralMails.js';
import type { CaseAccess } from './CaseAccess.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { MailOnce } from './MailOnce.js';

export interface UrgentOutcome {
  readonly request: StoredRequest;
  readonly sentAt: Date;
  /** Police should have phoned the manager by then; past it, the manager is shown the escalation contacts. */
  readonly policeContactDue: Date;
}

/**
 * The urgent route (live section 47): no rota slot; the request goes to the police referral unit
 * as `URGENT S47 ENQUIRY` and the one-hour police contact clock starts.
 * Rule: DOMAIN.md "URGENT (live section 47)".
 */
export class UrgentRouteService {
  constructor(private readonly deps: { store: Store; clock: Clock; mail: MailOnce; access: CaseAccess; policeReferralAddress: string }) {}

  /** Sends the urgent email once (a retry does not resend) and records when it went. */
  async send(request: StoredRequest, actor: Actor): Promise<UrgentOutcome> {
    const { store, clock, mail, policeReferralAddress } = this.deps;
    let sent = request;
    if (!request.urgentSentAt) {
      await mail.sendOnce(`urgent-s47:${request.id}`, urgentEnquiryMail(request, policeReferralAddress));
      sent = await store.markUrgentSent(request.id, clock.now(), actor);
    }
    return outcomeOf(sent, clock.now());
  }

  /**
   * The manager records that police made contact: this stops the escalation.
   * @throws NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const { store, clock, access } = this.deps;
    const request = await store.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    await access.check(request, actor, from, 'request.police-contact', { entity: 'request', id: requestId });
    if (request.route !== 'urgent') throw new ConflictError('police contact is recorded on urgent requests only');
    const recorded = await store.recordPoliceContact(requestId, clock.now(), actor);
    return outcomeOf(recorded, recorded.createdAt);
  }
}

/** The urgent clock of a request: from when its email went (or `fallback`, before it has gone). */
function outcomeOf(request: StoredRequest, fallback: Date): UrgentOutcome {
  const sentAt = request.urgentSentAt ?? fallback;
  return { request, sentAt, policeContactDue: policeContactDue(sentAt) };
}
