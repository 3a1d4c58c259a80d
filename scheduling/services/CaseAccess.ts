import type { AuditLog } from '../ports/AuditLog.js';
import type { CardPostings } from '../ports/CardPostings.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor } from '../model/Actor.js';
import type { Booking } from '../model/Booking.js';
import type { PostedCard } from '../model/CardPosting.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import { mayActOnCase } from '../rules/mayActOnCase.js';
import type { ActionSource } from '../model/ActionSource.js';
import { NotFoundError, NotPermittedError } from './errors.js';

/** What someone tries to do to a case: the audit trail names a refusal by it. */
export type CaseAction = 'booking.cancel' | 'booking.rebook' | 'booking.keep' | 'booking.show' | 'request.police-contact' | 'request.escalation' | 'request.clock' | 'request.show' | 'request.card-posted' | 'request.history';

/** A Teams conversation an action came from. */
export type TeamsSource = Extract<ActionSource, { kind: 'teams' }>;

/**
 * Who may act on a case, enforced for every service that changes or shows one: the rule
 * (`mayActOnCase`) over the store's record of where cards about the request were posted. Each
 * refusal is audited (actor, attempted action, entity id; nothing of the case).
 * Rule: scheduling/rules/mayActOnCase.ts; README "Who may act".
 */
export class CaseAccess {
  constructor(private readonly deps: { auditLog: AuditLog; postings: CardPostings; requests: RequestStore; slots: SlotLedger; clock: Clock }) {}

  /**
   * Lets an action on `request` through when `actor` may take it from `source`; otherwise writes
   * an `access.refused` audit row on the entity acted on and throws.
   * @throws NotPermittedError
   * @example
   * await access.check(request, megan, { kind: 'teams', conversationId: 'a:megan', conversationType: 'personal' }, 'booking.cancel', { entity: 'booking', id: 'bk-1' })
   * // throws NotPermittedError (code 'access.refused'); audit_log gets the refusal
   */
  async check(request: StoredRequest, actor: Actor, source: ActionSource, action: CaseAction, on: { entity: 'booking' | 'request'; id: string }): Promise<void> {
    const { auditLog, postings, clock } = this.deps;
    const postedIn = await postings.cardPostingsOf(request.id);
    if (mayActOnCase({ requestedBy: request.requestedBy.id, postedIn }, actor.id, source)) return;
    const where = source.kind === 'teams' ? { conversationId: source.conversationId, conversationType: source.conversationType } : { source: source.kind };
    await auditLog.audit({ at: clock.now(), actor, action: 'access.refused', entity: on.entity, entityId: on.id, after: { attempted: action, ...where } });
    throw new NotPermittedError(action, on.entity, on.id);
  }

  /**
   * Records that a card about the request stands at activity `activityId` of the conversation the
   * actor acts from (posted, or updated in place): its members may then act on the request (a
   * personal chat's posting gives nobody a right: `mayActOnCase`), and the card is updated when
   * the case changes (`CaseCards`). Only someone who may act on the request can put it in a
   * conversation.
   * @throws NotFoundError, NotPermittedError
   */
  async cardPosted(requestId: string, actor: Actor, source: TeamsSource, activityId: string, card: PostedCard = 'case'): Promise<void> {
    const request = await this.deps.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    await this.check(request, actor, source, 'request.card-posted', { entity: 'request', id: requestId });
    const posting = { requestId, conversationId: source.conversationId, conversationType: source.conversationType, activityId, card };
    await this.deps.postings.recordCardPosting(posting, actor, this.deps.clock.now());
  }

  /**
   * The actor's live bookings from now on (of one case, if `nNumber` is given) that may be listed
   * where they ask: all of them in their personal chat or on the command line; in a group chat or
   * channel only those whose request has a card posted there, so a booking made in a private chat
   * is never listed in a shared one.
   */
  listBookings(actor: Actor, source: ActionSource, nNumber?: string): Promise<ReadonlyArray<{ booking: Booking; request: StoredRequest }>> {
    const shared = source.kind === 'teams' && source.conversationType !== 'personal';
    return this.deps.slots.listBookings({
      requestedBy: actor.id,
      statuses: ['reserved', 'booked'],
      from: this.deps.clock.now(),
      ...(nNumber ? { nNumber } : {}),
      ...(shared ? { postedIn: source.conversationId } : {}),
    });
  }
}
