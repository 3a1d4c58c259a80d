import type { RequestStore } from '../ports/RequestStore.js';
import type { Clock } from '../ports/Clock.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import type { Notifier } from '../ports/Notifier.js';
import type { MailState } from '../model/Mail.js';
import type { Actor } from '../model/Actor.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { ActionSource } from '../model/ActionSource.js';
import type { EscalationContact } from '../model/EscalationContact.js';
import { escalationLevels } from '../rules/escalationLevels.js';
import { policeContactDue } from '../rules/policeContactDue.js';
import { policeContactUndoMinutes, policeContactUndoUntil } from '../rules/policeContactUndoUntil.js';
import { formatUkTime } from '../rules/formatUkDateTime.js';
import { urgentEnquiryMail } from '../rules/referralMails.js';
import type { CaseAccess } from './CaseAccess.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { MailOnce } from './MailOnce.js';

/** Where the manager stands in the escalation once police have not called in time. */
export interface Escalation {
  /** When police had not called in time and the escalation began. */
  readonly since: Date;
  /** The level to call now: 1 = the duty DS, then admin support, then the MASH service manager (as configured). */
  readonly level: number;
  /** Who to call at this level (configuration). */
  readonly contacts: readonly EscalationContact[];
  /** The level shown is the last one configured: "could not reach" has nowhere further to go. */
  readonly lastLevel: boolean;
}

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
   * contacts. An hour (POLICE_CONTACT_MINUTES) from the email; until it has gone, from the
   * request, so a late email never makes the escalation later.
   */
  readonly policeContactDue: Date;
  /** Set once police have not called in time (and until they do: contact ends it). */
  readonly escalation?: Escalation;
  /** Police contact is recorded and may still be undone until then (a mis-click); absent otherwise. */
  readonly undoUntil?: Date;
}

/** The job that escalates an urgent request whose police contact is overdue. */
export const ESCALATE_JOB = 'urgent.escalate';

/** The system actor the escalation job acts as (audit rows name it). */
const system: Actor = { id: 'system:urgent-escalation', name: 'Strategy Desk' };

export interface UrgentRouteDeps {
  readonly requests: RequestStore;
  readonly clock: Clock;
  readonly mail: MailOnce;
  readonly access: CaseAccess;
  readonly policeReferralAddress: string;
  readonly jobs: Jobs;
  readonly notifier: Notifier;
  /** Minutes police have to call before the escalation (POLICE_CONTACT_MINUTES, default 60). */
  readonly policeContactMinutes: number;
  /** The area's escalation contacts in order (ESCALATION_CONTACTS); grouped by `escalationLevels`. */
  readonly escalationContacts: readonly EscalationContact[];
}

/**
 * The urgent route (live section 47): no rota slot; the request goes to the police referral unit
 * as `URGENT S47 ENQUIRY` and the police contact clock starts. When police have not called in
 * time, the manager is told at once - at any hour, working day or not - and shown the escalation
 * contacts level by level; recording police contact stops it.
 * Rule: DOMAIN.md "URGENT (live section 47)".
 */
export class UrgentRouteService {
  constructor(private readonly deps: UrgentRouteDeps) {}

  /** The escalation job's handler, for the job engine. */
  handlers(): JobHandlers {
    return { [ESCALATE_JOB]: (data) => this.escalate(data) };
  }

  /**
   * Sends the urgent email once (a retry does not resend) and records on the request when it
   * went - only once it has gone, by this call or (as the mail ledger shows) by an earlier one.
   * An email not gone yet is `pending`; the reconciler sends it later. The escalation job is
   * kept before anything is sent (keyed by the request: a retry adds none), so a crash
   * anywhere after the request was saved cannot lose it.
   */
  async send(request: StoredRequest, actor: Actor): Promise<UrgentOutcome> {
    const { requests, mail, policeReferralAddress, jobs } = this.deps;
    if (!request.policeContactAt && !request.escalatedAt) await jobs.schedule(ESCALATE_JOB, { requestId: request.id }, { key: request.id, runAt: this.dueFrom(request.createdAt) });
    if (request.urgentSentAt) return this.outcomeOf(request, 'sent');
    const sent = await mail.sendOnce(mailKeyOf(request), urgentEnquiryMail(request, policeReferralAddress));
    if (sent.state !== 'sent' || !sent.sentAt) return this.outcomeOf(request, sent.state);
    return this.outcomeOf(await requests.markUrgentSent(request.id, sent.sentAt, actor), 'sent');
  }

  /**
   * The manager records that police made contact: this stops the escalation (its job is dropped;
   * one already running finds the contact and does nothing).
   * @throws NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const { requests, clock, jobs } = this.deps;
    const request = await this.urgentRequest(requestId, actor, from, 'request.police-contact');
    const recorded = await requests.recordPoliceContact(request.id, clock.now(), actor);
    await jobs.cancel(ESCALATE_JOB, requestId);
    return this.outcomeOf(recorded, await this.emailOf(recorded));
  }

  /**
   * Undoes a police contact recorded by mistake, within `policeContactUndoUntil` of it: the
   * escalation goes back on its clock, which still counts from the email (at once when that hour
   * has passed; shown again when it had begun). Audited; cards about the request are refreshed.
   * @throws NotPermittedError (audited), NotFoundError; ConflictError when no contact is recorded or the window has passed.
   */
  async undoPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const { requests, clock, jobs } = this.deps;
    const request = await this.urgentRequest(requestId, actor, from, 'request.police-contact');
    if (!request.policeContactAt) throw new ConflictError('no police contact is recorded on this request: there is nothing to undo');
    if (clock.now() > policeContactUndoUntil(request.policeContactAt)) {
      throw new ConflictError(`too late to undo: police contact was recorded at ${formatUkTime(request.policeContactAt)}, more than ${policeContactUndoMinutes} minutes ago, and the record stands; if police have not in fact called, phone the police referral unit now`);
    }
    const undone = await requests.undoPoliceContact(request.id, clock.now(), actor);
    if (!undone.escalatedAt) {
      const due = this.dueFrom(undone.urgentSentAt ?? undone.createdAt);
      await jobs.schedule(ESCALATE_JOB, { requestId }, { key: requestId, runAt: due > clock.now() ? due : clock.now() });
    }
    return this.outcomeOf(undone, await this.emailOf(undone));
  }

  /**
   * The manager could not reach the contacts of escalation `level`: the attempt is audited and the
   * next level is shown (the last level stays shown). Cards about the request are refreshed.
   * A repeat for a level already passed changes nothing.
   * @throws NotPermittedError, NotFoundError; ConflictError before the escalation or after police contact.
   */
  async recordNotReached(requestId: string, level: number, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const { requests, clock, notifier } = this.deps;
    const request = await this.urgentRequest(requestId, actor, from, 'request.escalation');
    if (request.policeContactAt) throw new ConflictError('police contact is already recorded: the escalation has stopped');
    if (!request.escalatedAt) throw new ConflictError('the escalation has not started: police still have time to call');
    const levels = escalationLevels(this.deps.escalationContacts).length;
    const recorded = await requests.recordEscalationAttempt(requestId, level, Math.min(level + 1, Math.max(levels, 1)), clock.now(), actor);
    await notifier.refreshCards(requestId);
    return this.outcomeOf(recorded, await this.emailOf(recorded));
  }

  /** The urgent request as it stands now (for cards shown again or refreshed). */
  async outcome(request: StoredRequest): Promise<UrgentOutcome> {
    return this.outcomeOf(request, await this.emailOf(request));
  }

  /**
   * The escalation job: police have not called in time. Does nothing once contact is recorded;
   * comes back later if the email went after the request (the clock counts from the email).
   * Otherwise marks the request escalated, refreshes its cards and tells the manager with the
   * first level's contacts. Throws (the job is kept) when the manager cannot be reached yet.
   */
  private async escalate(data: JobData): Promise<void> {
    const { requests, clock, jobs, notifier } = this.deps;
    const requestId = String(data.requestId);
    const request = await requests.getRequest(requestId);
    if (!request || request.route !== 'urgent' || request.policeContactAt) return;
    const due = this.dueFrom(request.urgentSentAt ?? request.createdAt);
    if (clock.now() < due) return jobs.schedule(ESCALATE_JOB, { requestId }, { key: requestId, runAt: due });
    const escalated = await requests.markEscalated(requestId, clock.now(), system);
    if (escalated.policeContactAt) return;
    await notifier.refreshCards(requestId);
    const level = escalated.escalationLevel ?? 1;
    const notice = { kind: 'urgent.escalate', requestId, nNumbers: escalated.nNumbers, level, contacts: this.contactsAt(level) } as const;
    if ((await notifier.tell(escalated.requestedBy.id, notice)) === 'no-conversation') throw new Error(`the requester of ${requestId} has no conversation with the bot yet`);
  }

  private dueFrom(start: Date): Date {
    return policeContactDue(start, this.deps.policeContactMinutes);
  }

  private contactsAt(level: number): readonly EscalationContact[] {
    return escalationLevels(this.deps.escalationContacts)[level - 1] ?? [];
  }

  private async urgentRequest(requestId: string, actor: Actor, from: ActionSource, action: 'request.police-contact' | 'request.escalation'): Promise<StoredRequest> {
    const request = await this.deps.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    await this.deps.access.check(request, actor, from, action, { entity: 'request', id: requestId });
    if (request.route !== 'urgent') throw new ConflictError('police contact and escalation are recorded on urgent requests only');
    return request;
  }

  private async emailOf(request: StoredRequest): Promise<MailState> {
    return request.urgentSentAt ? 'sent' : this.deps.mail.stateOf(mailKeyOf(request));
  }

  /** The urgent clock of a request: from when its email went, or from the request while it has not. */
  private outcomeOf(request: StoredRequest, email: MailState): UrgentOutcome {
    const sentAt = email === 'sent' ? request.urgentSentAt : undefined;
    const escalation = request.escalatedAt && !request.policeContactAt ? this.escalationOf(request.escalatedAt, request.escalationLevel ?? 1) : undefined;
    const undoUntil = request.policeContactAt ? policeContactUndoUntil(request.policeContactAt) : undefined;
    const undoable = undoUntil && this.deps.clock.now() <= undoUntil ? { undoUntil } : {};
    return { request, email, ...(sentAt ? { sentAt } : {}), policeContactDue: this.dueFrom(sentAt ?? request.createdAt), ...(escalation ? { escalation } : {}), ...undoable };
  }

  private escalationOf(since: Date, level: number): Escalation {
    const levels = escalationLevels(this.deps.escalationContacts).length;
    return { since, level, contacts: this.contactsAt(level), lastLevel: level >= levels };
  }
}

/** The mail ledger's key for a request's URGENT S47 ENQUIRY. */
const mailKeyOf = (request: StoredRequest) => `urgent-s47:${request.id}`;
