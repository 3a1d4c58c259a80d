import type { ActionSource } from '../model/ActionSource.js';
import type { Actor } from '../model/Actor.js';
import type { DiscussionPlan, UsualAction } from '../model/DiscussionPlan.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { MailState } from '../model/Mail.js';
import type { Notice } from '../model/Notice.js';
import { planChangeVerbs, type PlanChange } from '../model/PlanChange.js';
import type { AuditLog } from '../ports/AuditLog.js';
import type { CardPostings } from '../ports/CardPostings.js';
import type { Clock } from '../ports/Clock.js';
import type { DiscussionPlans } from '../ports/DiscussionPlans.js';
import type { Notifier } from '../ports/Notifier.js';
import type { RecordDocumentKind, RecordDocuments } from '../ports/RecordDocuments.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { applyPlanChange } from '../rules/applyPlanChange.js';
import { finaliseProblems } from '../rules/finaliseProblems.js';
import { isPlanParticipant } from '../rules/isPlanParticipant.js';
import { londonDateOf, londonInstant } from '../rules/londonTime.js';
import { newPlan } from '../rules/newPlan.js';
import { isPlainDate } from '../rules/PlainDate.js';
import { planChangeTargets } from '../rules/planChangeTargets.js';
import { attendingAgencyEmails, planMail } from '../rules/planMails.js';
import { quorumOf } from '../rules/quorum.js';
import { redactPlan, type PlanOutline } from '../rules/redactPlan.js';
import { staleChangeConflict } from '../rules/staleChangeConflict.js';
import { usualActions } from '../rules/usualActions.js';
import { s47DecisionOf } from '../rules/s47DecisionOf.js';
import { workingDayDeadline } from '../rules/workingDayDeadline.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { CaseCards } from './CaseCards.js';
import type { ClockService } from './ClockService.js';
import { ConflictError, FinaliseRefusedError, InvalidPlanChangeError, NotFoundError, NotPermittedError, PlanLockedError, StalePlanError } from './errors.js';
import type { MailOnce } from './MailOnce.js';

/** The plan's answers (the shapes of scheduling/DiscussionDesk.ts, which re-exports them). */
export interface PlanAnswer {
  readonly view: { readonly sight: 'full'; readonly plan: DiscussionPlan; readonly quorum: ReturnType<typeof quorumOf>; readonly finaliseProblems: ReturnType<typeof finaliseProblems>; readonly conferenceBy: PlainDate };
  readonly shared: PlanOutline;
  readonly participantIds: readonly string[];
  readonly merged?: boolean;
}

export interface DiscussionPlanDeps {
  readonly plans: DiscussionPlans;
  readonly requests: RequestStore;
  readonly slots: SlotLedger;
  readonly postings: CardPostings;
  readonly auditLog: AuditLog;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly mail: MailOnce;
  readonly documents: RecordDocuments;
  readonly clocks: ClockService;
  readonly cards: Pick<CaseCards, 'changed'>;
  readonly notifier: Notifier;
  readonly nonWorking: ReadonlySet<PlainDate>;
  readonly settings: {
    /** The venue of a booked slot: `dial-in` (the conference line) or `teams`. */
    readonly venue: string;
  };
}

/** What a person tries to do to a plan: the audit trail names a refusal by it. */
type PlanAction = 'plan.open' | 'plan.show' | 'plan.change' | 'plan.finalise' | 'plan.circulate' | 'plan.running-late' | 'plan.document';

/** How often a change is tried again when someone else saved first (each try reads the plan again). */
const SAVE_TRIES = 8;
const MAX_LATE_MINUTES = 240;

/**
 * The shared action plan of a strategy discussion (issue 9): opened for a request, changed by its
 * participants under a version check (a stale change merged when it touches nothing changed
 * since, otherwise refused with the current plan: never a silent overwrite), finalised (locked;
 * the summary goes once to every attending agency), circulated (the record clock stops), and
 * "running late" told to the requesters of the later slots that day. Only participants may read
 * or change a plan (rules/isPlanParticipant.ts); every refusal is audited on the discussion.
 */
export class DiscussionPlanService {
  constructor(private readonly deps: DiscussionPlanDeps) {}

  async openPlan(requestId: string, actor: Actor, from: ActionSource, typed?: { readonly meetingDate: string; readonly meetingTime: string; readonly meetingVenue?: string }): Promise<PlanAnswer> {
    const { requests, plans, slots, postings, clock, newId, settings } = this.deps;
    const request = await requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    const existing = await plans.planOfRequest(requestId);
    if (existing) {
      await this.check(existing, request, actor, from, 'plan.open');
      return this.answer(existing, request);
    }
    // Before a plan exists, those who may act on the request open it: its requester, its
    // invitees, members of a shared conversation where a card about it was posted.
    const postedIn = await postings.cardPostingsOf(requestId);
    if (!isPlanParticipant({ requestedBy: request.requestedBy.id, invitees: request.invitees, attendees: [], planPostedIn: postedIn }, actor, from)) {
      await this.refuse(actor, from, 'plan.open', 'request', requestId);
    }
    const booking = await slots.currentBookingFor(requestId);
    const meeting = typed ? typedMeeting(typed, settings.venue) : booking ? { start: booking.start, venue: settings.venue } : undefined;
    if (!meeting) throw new InvalidPlanChangeError({ meetingDate: 'is required: this request has no booked slot, so give the date and time of the discussion.', meetingTime: 'is required.' });
    const plan = newPlan({ id: newId(), request, meeting, childIds: request.nNumbers.map(() => newId()), actor, at: clock.now() });
    const { plan: kept } = await plans.createPlan(plan, actor);
    return this.answer(kept, request);
  }

  async viewPlan(discussionId: string, actor: Actor, from: ActionSource): Promise<PlanAnswer> {
    const { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.show');
    return this.answer(plan, request);
  }

  async planOfCase(nNumber: string, actor: Actor, from: ActionSource): Promise<PlanAnswer> {
    const found = await this.deps.plans.latestPlanOfCase(nNumber);
    if (!found) throw new NotFoundError('discussion', nNumber);
    return this.viewPlan(found.id, actor, from);
  }

  async changePlan(discussionId: string, version: number, change: PlanChange, actor: Actor, from: ActionSource): Promise<PlanAnswer> {
    const { plans, clock, newId, cards } = this.deps;
    if (typeof change !== 'object' || change === null || !planChangeVerbs.includes(change.verb)) throw new InvalidPlanChangeError({ verb: 'is not a plan change.' });
    if (!Number.isInteger(version) || version < 1) throw new InvalidPlanChangeError({ version: 'must be the version the card was built from (a whole number from 1).' });
    let { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.change');
    for (let attempt = 0; attempt < SAVE_TRIES; attempt += 1) {
      if (plan.state === 'final') {
        await this.audit(actor, 'plan.change-refused', plan.id, { attempted: change.verb, reason: 'locked', version: plan.version });
        throw new PlanLockedError(plan.id);
      }
      if (version > plan.version) throw new InvalidPlanChangeError({ version: `is ahead of the plan (version ${plan.version}).` });
      let merged = false;
      if (version < plan.version) {
        const conflict = staleChangeConflict(planChangeTargets(change), version, await plans.changesSince(plan.id, version));
        if (conflict) {
          await this.audit(actor, 'plan.change-refused', plan.id, { attempted: change.verb, reason: 'stale', submittedVersion: version, version: plan.version, conflict });
          throw new StalePlanError(plan.id, version, plan, 'someone changed or removed the same entry since; here is the plan as it is now');
        }
        merged = true;
      }
      const applied = applyPlanChange(plan, change, { at: clock.now(), actor, newId });
      if (!applied.ok) throw new InvalidPlanChangeError(applied.fields);
      if (await plans.savePlan(applied.plan, plan.version, { verb: change.verb, targets: applied.targets }, actor, 'plan.changed')) {
        await cards.changed(plan.requestId);
        return { ...(await this.answer(applied.plan, request)), ...(merged ? { merged } : {}) };
      }
      // Someone saved first: read the plan again; the change is now judged against theirs.
      ({ plan, request } = await this.planFor(discussionId));
    }
    throw new StalePlanError(plan.id, version, plan, 'the plan is changing too fast to apply this change; try again');
  }

  async finalisePlan(discussionId: string, version: number, actor: Actor, from: ActionSource): Promise<PlanAnswer & { readonly summaryMail?: MailState; readonly summarySentTo: readonly string[] }> {
    const { plans, clock, clocks, cards } = this.deps;
    let { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.finalise');
    if (plan.state === 'open') {
      if (version !== plan.version) {
        await this.audit(actor, 'plan.finalise-refused', plan.id, { reason: 'stale', submittedVersion: version, version: plan.version });
        throw new StalePlanError(plan.id, version, plan, 'the plan changed since you saw it: check it and finalise again');
      }
      const problems = finaliseProblems(plan);
      if (problems.length > 0) {
        await this.audit(actor, 'plan.finalise-refused', plan.id, { reason: 'problems', version: plan.version, problems: problems.map(problemIds) });
        throw new FinaliseRefusedError(plan.id, problems);
      }
      const at = clock.now();
      const final: DiscussionPlan = { ...plan, state: 'final', version: plan.version + 1, finalisedAt: at, finalisedBy: actor, updatedAt: at, updatedBy: actor };
      if (!(await plans.savePlan(final, plan.version, { verb: 'plan.finalise', targets: ['plan'] }, actor, 'plan.finalised'))) {
        // Someone saved first: finalised by them too is fine; anything else must be looked at again.
        const current = await this.planFor(discussionId);
        if (current.plan.state !== 'final') throw new StalePlanError(plan.id, version, current.plan, 'the plan changed as you finalised it: check it and finalise again');
      }
      ({ plan, request } = await this.planFor(discussionId));
      await cards.changed(plan.requestId);
    }
    // Run on every finalise, a repeat too: each step happens once (clocks start once, the mail
    // goes once under its key), so a finalise cut short is completed by pressing it again.
    for (const action of plan.actions) {
      if (action.ownerId && action.due) await clocks.actionPlanned(plan.requestId, { id: action.id, ownerId: action.ownerId, completionDate: action.due }, actor);
    }
    await clocks.discussionHeldAsSeen(request, plan.meeting.start, actor);
    const s47 = s47DecisionOf(plan.decisions);
    if (s47) await clocks.s47DecidedAsSeen(request, s47, plan.finalisedAt ?? clock.now(), actor);
    const sent = await this.sendRecord(plan, 'summary');
    return { ...(await this.answer(plan, request)), ...(sent.state ? { summaryMail: sent.state } : {}), summarySentTo: sent.to };
  }

  async circulateRecord(discussionId: string, actor: Actor, from: ActionSource): Promise<PlanAnswer & { readonly recordMail?: MailState; readonly recordSentTo: readonly string[] }> {
    const { plans, clock, clocks, cards } = this.deps;
    let { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.circulate');
    if (plan.state !== 'final') throw new ConflictError(`discussion ${plan.id} is not finalised yet: finalise the plan before circulating the record`);
    const sent = await this.sendRecord(plan, 'record');
    await clocks.minutesCirculated(plan.requestId, actor);
    for (let attempt = 0; attempt < SAVE_TRIES && !plan.circulatedAt; attempt += 1) {
      const at = clock.now();
      const circulated: DiscussionPlan = { ...plan, circulatedAt: at, version: plan.version + 1, updatedAt: at, updatedBy: actor };
      if (await plans.savePlan(circulated, plan.version, { verb: 'plan.circulate', targets: ['circulated'] }, actor, 'plan.circulated')) {
        plan = circulated;
        await cards.changed(plan.requestId);
      } else ({ plan, request } = await this.planFor(discussionId));
    }
    return { ...(await this.answer(plan, request)), ...(sent.state ? { recordMail: sent.state } : {}), recordSentTo: sent.to };
  }

  async runningLate(discussionId: string, minutes: number, actor: Actor, from: ActionSource): Promise<PlanAnswer & { readonly minutes: number; readonly told: ReadonlyArray<{ readonly requestId: string; readonly bookingId: string; readonly start: Date }> }> {
    const { slots, notifier, plans, clock } = this.deps;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LATE_MINUTES) throw new InvalidPlanChangeError({ lateMinutes: `must be a whole number of minutes from 1 to ${MAX_LATE_MINUTES}.` });
    let { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.running-late');
    const day = londonDateOf(plan.meeting.start);
    const later = await slots.listBookings({ statuses: ['booked'], from: new Date(plan.meeting.start.getTime() + 1) });
    const next = later.filter(({ booking }) => booking.requestId !== plan.requestId && londonDateOf(booking.start) === day).sort((a, b) => a.booking.start.getTime() - b.booking.start.getTime());
    const told: Array<{ requestId: string; bookingId: string; start: Date }> = [];
    for (const { booking, request: theirs } of next) {
      const notice: Notice = { kind: 'discussion.running-late', requestId: theirs.id, bookingId: booking.id, nNumbers: theirs.nNumbers, start: booking.start, delayMinutes: minutes };
      if ((await notifier.tell(theirs.requestedBy.id, notice)) === 'sent') told.push({ requestId: theirs.id, bookingId: booking.id, start: booking.start });
    }
    await this.audit(actor, 'plan.running-late', plan.id, { minutes, told: told.map((t) => t.bookingId), notReached: next.length - told.length });
    if (plan.state === 'open') {
      const at = clock.now();
      const late: DiscussionPlan = { ...plan, runningLate: { at, minutes }, version: plan.version + 1, updatedAt: at, updatedBy: actor };
      // Best effort: the people are told either way; a rival save only loses the stamp.
      if (await plans.savePlan(late, plan.version, { verb: 'plan.running-late', targets: ['running-late'] }, actor, 'plan.changed')) plan = late;
      else ({ plan, request } = await this.planFor(discussionId));
    }
    return { ...(await this.answer(plan, request)), minutes, told };
  }

  async planDocument(discussionId: string, kind: RecordDocumentKind, actor: Actor, from: ActionSource) {
    const { plan, request } = await this.planFor(discussionId);
    await this.check(plan, request, actor, from, 'plan.document');
    return this.deps.documents.build(plan, kind);
  }

  usualActions(): readonly UsualAction[] {
    return usualActions;
  }

  async sharedPlan(discussionId: string): Promise<{ readonly shared: PlanOutline; readonly participantIds: readonly string[] }> {
    const { plan, request } = await this.planFor(discussionId);
    return { shared: redactPlan(plan), participantIds: participantIds(plan, request) };
  }

  /** Sends the document of `kind` once to every attending agency with an email. */
  private async sendRecord(plan: DiscussionPlan, kind: RecordDocumentKind): Promise<{ state?: MailState; to: readonly string[] }> {
    const to = attendingAgencyEmails(plan);
    if (to.length === 0) return { to };
    const key = `plan-${kind}:${plan.id}`;
    const { mail, documents } = this.deps;
    const already = await mail.stateOf(key);
    if (already === 'sent') return { state: already, to };
    const document = await documents.build(plan, kind);
    const outcome = await mail.sendOnce(key, planMail(plan, kind, to, { name: document.fileName, contentType: document.contentType, content: document.content }));
    return { state: outcome.state, to };
  }

  private async planFor(discussionId: string): Promise<{ plan: DiscussionPlan; request: StoredRequest }> {
    const plan = await this.deps.plans.getPlan(discussionId);
    if (!plan) throw new NotFoundError('discussion', discussionId);
    const request = await this.deps.requests.getRequest(plan.requestId);
    if (!request) throw new NotFoundError('request', plan.requestId);
    return { plan, request };
  }

  /** Lets a participant through; anyone else is refused, audited on the discussion. */
  private async check(plan: DiscussionPlan, request: StoredRequest, actor: Actor, from: ActionSource, action: PlanAction): Promise<void> {
    const planPostedIn = (await this.deps.postings.cardPostingsOf(plan.requestId)).filter((p) => p.card === 'plan');
    const facts = { requestedBy: request.requestedBy.id, invitees: [...request.invitees, ...plan.invitees], attendees: plan.attendees, planPostedIn };
    if (isPlanParticipant(facts, actor, from)) return;
    await this.refuse(actor, from, action, 'discussion', plan.id);
  }

  private async refuse(actor: Actor, from: ActionSource, action: PlanAction, entity: 'discussion' | 'request', id: string): Promise<never> {
    const where = from.kind === 'teams' ? { conversationId: from.conversationId, conversationType: from.conversationType } : { source: from.kind };
    await this.deps.auditLog.audit({ at: this.deps.clock.now(), actor: { id: actor.id, name: actor.name }, action: 'access.refused', entity, entityId: id, after: { attempted: action, ...where } });
    throw new NotPermittedError(action, entity, id);
  }

  private async audit(actor: Actor, action: string, discussionId: string, after: Record<string, unknown>): Promise<void> {
    await this.deps.auditLog.audit({ at: this.deps.clock.now(), actor: { id: actor.id, name: actor.name }, action, entity: 'discussion', entityId: discussionId, after });
  }

  private async answer(plan: DiscussionPlan, request: StoredRequest): Promise<PlanAnswer> {
    return {
      view: {
        sight: 'full',
        plan,
        quorum: quorumOf(plan.attendees),
        finaliseProblems: plan.state === 'open' ? finaliseProblems(plan) : [],
        // An initial child protection conference, when convened, within 15 working days of the discussion.
        conferenceBy: workingDayDeadline(londonDateOf(plan.meeting.start), 15, this.deps.nonWorking),
      },
      shared: redactPlan(plan),
      participantIds: participantIds(plan, request),
    };
  }
}

/** The participants the desk knows by Teams user id: the requester and attendees who added themselves. */
function participantIds(plan: DiscussionPlan, request: StoredRequest): string[] {
  return [...new Set([request.requestedBy.id, ...plan.attendees.flatMap((a) => (a.userId ? [a.userId] : []))])];
}

/** A problem as the audit keeps it: its kind and ids, never the text it names. */
function problemIds(p: ReturnType<typeof finaliseProblems>[number]): Record<string, unknown> {
  switch (p.kind) {
    case 'action.owner-missing':
    case 'action.due-missing':
      return { kind: p.kind, actionId: p.actionId };
    case 'decision.rationale-missing':
      return { kind: p.kind, decisionId: p.decisionId };
    case 'quorum.reason-missing':
      return { kind: p.kind, missing: p.missing };
  }
}

/** The meeting typed for a discussion without a booked slot, each bad input named. */
function typedMeeting(typed: { readonly meetingDate: string; readonly meetingTime: string; readonly meetingVenue?: string }, venue: string): { start: Date; venue: string } {
  const fields: Record<string, string> = {};
  const date = typeof typed.meetingDate === 'string' ? typed.meetingDate.trim() : '';
  const time = typeof typed.meetingTime === 'string' ? typed.meetingTime.trim() : '';
  if (!isPlainDate(date)) fields.meetingDate = 'must be a real date, written YYYY-MM-DD.';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) fields.meetingTime = 'must be a time, written HH:MM (UK time).';
  const typedVenue = typeof typed.meetingVenue === 'string' ? typed.meetingVenue.trim() : '';
  if (typedVenue.length > 200) fields.meetingVenue = 'is too long (at most 200 characters).';
  if (Object.keys(fields).length > 0) throw new InvalidPlanChangeError(fields);
  return { start: londonInstant(date, time), venue: typedVenue || venue };
}
