import type { Actor } from '../model/Actor.js';
import type { ActionSource } from '../model/ActionSource.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { Notice } from '../model/Notice.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { ClockId, ClockKind, Deadline, StatutoryClock } from '../model/StatutoryClock.js';
import { clockKinds } from '../model/StatutoryClock.js';
import type { CardPostings } from '../ports/CardPostings.js';
import type { Clock } from '../ports/Clock.js';
import type { ClockStore } from '../ports/ClockStore.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import type { Notifier } from '../ports/Notifier.js';
import type { RequestStore } from '../ports/RequestStore.js';
import { conversationKey } from '../rules/conversationKey.js';
import { endOfWorkingDay } from '../rules/endOfWorkingDay.js';
import { minutesDue, type MinutesRule } from '../rules/minutesDue.js';
import { reminderDue } from '../rules/reminderDue.js';
import { isReminderHour, reminderTime } from '../rules/reminderTime.js';
import { s47Deadlines } from '../rules/s47Deadlines.js';
import type { CaseAccess } from './CaseAccess.js';
import { NotFoundError } from './errors.js';

/** The jobs a clock keeps: its reminder before the due time and its overdue notice after. */
export const CLOCK_REMIND_JOB = 'clock.remind';
export const CLOCK_OVERDUE_JOB = 'clock.overdue';

/** An action of the action plan whose completion date is kept (the action plan issue calls this). */
export interface PlannedAction {
  readonly id: string;
  /** The owner's Teams user id: they get the reminder, and the overdue notice with the requester. */
  readonly ownerId: string;
  readonly completionDate: PlainDate;
}

export interface ClockServiceDeps {
  readonly clocks: ClockStore;
  readonly requests: RequestStore;
  readonly postings: CardPostings;
  readonly access: CaseAccess;
  readonly jobs: Jobs;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly nonWorking: ReadonlySet<PlainDate>;
  /** The area's rule for the record of a discussion (rota file `minutesDue`, or MINUTES_DUE). */
  readonly minutesRule: MinutesRule;
}

const keyOf = (id: ClockId) => `${id.requestId}|${id.kind}|${id.subject}`;
const dataOf = (id: ClockId): JobData => ({ requestId: id.requestId, kind: id.kind, subject: id.subject });

/**
 * The statutory clocks of a case (DOMAIN.md "Clocks the product keeps"): each started by the
 * event it counts from, kept in the store, with a reminder before it is due and an overdue
 * notice after - both sent only in working hours (rules/reminderTime.ts) - until it is stopped.
 */
export class ClockService {
  constructor(private readonly deps: ClockServiceDeps) {}

  /** The reminder and overdue jobs' handlers, for the job engine. */
  handlers(): JobHandlers {
    return {
      [CLOCK_REMIND_JOB]: (data) => this.notify(data, 'reminded'),
      [CLOCK_OVERDUE_JOB]: (data) => this.notify(data, 'overdue'),
    };
  }

  /**
   * The discussion was held at `heldAt`: the record must be circulated to all participants by
   * the area's rule (24 hours in Northamptonshire). Starts once; a repeat changes nothing.
   * @throws NotFoundError, NotPermittedError
   */
  async discussionHeld(requestId: string, heldAt: Date, actor: Actor, from: ActionSource): Promise<StatutoryClock> {
    const { minutesRule, nonWorking } = this.deps;
    const request = await this.caseFor(requestId, actor, from);
    return this.start({ requestId, kind: 'minutes', subject: '' }, request.requestedBy.id, heldAt, minutesDue(heldAt, minutesRule, nonWorking), actor);
  }

  /**
   * The desk itself saw the booked slot pass (services/HeldDiscussions.ts): the record clock of
   * the discussion held at `heldAt` starts, as `discussionHeld` would. A repeat changes nothing.
   */
  async discussionHeldAsSeen(request: StoredRequest, heldAt: Date, by: Actor): Promise<StatutoryClock> {
    const { minutesRule, nonWorking } = this.deps;
    return this.start({ requestId: request.id, kind: 'minutes', subject: '' }, request.requestedBy.id, heldAt, minutesDue(heldAt, minutesRule, nonWorking), by);
  }

  /**
   * Section 47 enquiries were decided (now): the s47 record outcome by working day 3, the enquiry
   * within 15 working days and, when one is convened, the initial child protection conference
   * within 15 working days. Each starts once.
   * @throws NotFoundError, NotPermittedError
   */
  async s47Decided(requestId: string, decision: { readonly conferenceConvened: boolean }, actor: Actor, from: ActionSource): Promise<readonly StatutoryClock[]> {
    const { clock, nonWorking } = this.deps;
    const request = await this.caseFor(requestId, actor, from);
    const decidedAt = clock.now();
    const due = s47Deadlines(decidedAt, decision.conferenceConvened, nonWorking);
    const owner = request.requestedBy.id;
    const started = [
      await this.start({ requestId, kind: 's47-outcome', subject: '' }, owner, decidedAt, due.outcome, actor),
      await this.start({ requestId, kind: 's47-enquiry', subject: '' }, owner, decidedAt, due.enquiry, actor),
    ];
    if (due.conference) started.push(await this.start({ requestId, kind: 'conference', subject: '' }, owner, decidedAt, due.conference, actor));
    return started;
  }

  /**
   * The discussion's finalised plan records section 47 enquiries decided at `decidedAt` (the plan
   * service has checked the actor is a participant): the clocks start as `s47Decided` starts them.
   */
  async s47DecidedAsSeen(request: StoredRequest, decision: { readonly conferenceConvened: boolean }, decidedAt: Date, by: Actor): Promise<readonly StatutoryClock[]> {
    const due = s47Deadlines(decidedAt, decision.conferenceConvened, this.deps.nonWorking);
    const owner = request.requestedBy.id;
    const started = [
      await this.start({ requestId: request.id, kind: 's47-outcome', subject: '' }, owner, decidedAt, due.outcome, by),
      await this.start({ requestId: request.id, kind: 's47-enquiry', subject: '' }, owner, decidedAt, due.enquiry, by),
    ];
    if (due.conference) started.push(await this.start({ requestId: request.id, kind: 'conference', subject: '' }, owner, decidedAt, due.conference, by));
    return started;
  }

  /**
   * An action of the plan, due by the end of its completion date: its owner is reminded one
   * working day before, and told with the requester when it is overdue. For the action plan
   * (no Teams command yet); the system acts here, so there is no access check.
   */
  async actionPlanned(requestId: string, action: PlannedAction, actor: Actor): Promise<StatutoryClock> {
    const request = await this.deps.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    return this.start({ requestId, kind: 'action', subject: action.id }, action.ownerId, this.deps.clock.now(), endOfWorkingDay(action.completionDate), actor);
  }

  /**
   * What the clock waited for is done (the record circulated, the outcome recorded, the
   * conference held, the action completed): it stops, and its reminder and overdue notice with
   * it. Undefined when the case never had that clock.
   * @throws NotFoundError, NotPermittedError
   */
  async stop(id: ClockId, actor: Actor, from: ActionSource): Promise<StatutoryClock | undefined> {
    const { clocks, jobs, clock } = this.deps;
    await this.caseFor(id.requestId, actor, from);
    const stopped = await clocks.stopClock(id, clock.now(), actor);
    await jobs.cancel(CLOCK_REMIND_JOB, keyOf(id));
    await jobs.cancel(CLOCK_OVERDUE_JOB, keyOf(id));
    return stopped;
  }

  /**
   * The record of the discussion was circulated to every attending agency (the plan service has
   * checked that the actor is a participant of the discussion): the record (minutes) clock stops,
   * with its reminder and overdue notice. Undefined when the case never had that clock.
   */
  async minutesCirculated(requestId: string, actor: Actor): Promise<StatutoryClock | undefined> {
    const { clocks, jobs, clock } = this.deps;
    const id: ClockId = { requestId, kind: 'minutes', subject: '' };
    const stopped = await clocks.stopClock(id, clock.now(), actor);
    await jobs.cancel(CLOCK_REMIND_JOB, keyOf(id));
    await jobs.cancel(CLOCK_OVERDUE_JOB, keyOf(id));
    return stopped;
  }

  /**
   * The running clocks of the actor (theirs to do, or on their requests), soonest due first. In
   * a group chat or channel, only those of cases with a card posted there, so a case kept in a
   * personal chat is never listed in a shared one.
   */
  async deadlinesOf(actor: Actor, from: ActionSource): Promise<readonly Deadline[]> {
    const running = await this.deps.clocks.runningClocksOf(actor.id);
    if (from.kind !== 'teams' || from.conversationType === 'personal') return running;
    const here = conversationKey(from.conversationId);
    const shown = new Map<string, boolean>();
    for (const { requestId } of running) {
      if (!shown.has(requestId)) shown.set(requestId, (await this.deps.postings.cardPostingsOf(requestId)).some((p) => conversationKey(p.conversationId) === here));
    }
    return running.filter((c) => shown.get(c.requestId));
  }

  private async caseFor(requestId: string, actor: Actor, from: ActionSource): Promise<StoredRequest> {
    const request = await this.deps.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    await this.deps.access.check(request, actor, from, 'request.clock', { entity: 'request', id: requestId });
    return request;
  }

  /** Keeps the clock and, the first time, its reminder (when one fits before the due time) and overdue notice. */
  private async start(id: ClockId, ownerId: string, startedAt: Date, due: Date, actor: Actor): Promise<StatutoryClock> {
    const { clocks, jobs, nonWorking } = this.deps;
    const { clock } = await clocks.startClock({ ...id, ownerId, startedAt, due }, actor);
    if (clock.state === 'stopped') return clock;
    // Scheduled again on a repeat too: the keys keep one of each, and a crash between keeping the
    // clock and scheduling its jobs is mended by the retry.
    const remindAt = reminderDue(clock.startedAt, clock.due, nonWorking);
    if (remindAt && !clock.remindedAt) await jobs.schedule(CLOCK_REMIND_JOB, dataOf(clock), { key: keyOf(clock), runAt: remindAt });
    if (!clock.overdueAt) await jobs.schedule(CLOCK_OVERDUE_JOB, dataOf(clock), { key: keyOf(clock), runAt: reminderTime(clock.due, nonWorking) });
    return clock;
  }

  /**
   * Sends a clock's reminder or overdue notice once, in working hours: a job that runs outside
   * them (a retry in the evening) comes back at 09:00 on the next working day. Nothing for a
   * stopped clock. Throws (the job is kept) when someone cannot be reached yet.
   */
  private async notify(data: JobData, notice: 'reminded' | 'overdue'): Promise<void> {
    const { clocks, requests, jobs, notifier, clock, nonWorking } = this.deps;
    const kind = String(data.kind) as ClockKind;
    if (!clockKinds.includes(kind)) return;
    const id: ClockId = { requestId: String(data.requestId), kind, subject: String(data.subject ?? '') };
    const kept = await clocks.getClock(id);
    if (!kept || kept.state === 'stopped' || (notice === 'reminded' ? kept.remindedAt : kept.overdueAt)) return;
    const now = clock.now();
    if (!isReminderHour(now, nonWorking)) {
      return jobs.schedule(notice === 'reminded' ? CLOCK_REMIND_JOB : CLOCK_OVERDUE_JOB, data, { key: keyOf(id), runAt: reminderTime(now, nonWorking) });
    }
    const request = await requests.getRequest(id.requestId);
    if (!request) return;
    const told: Notice = {
      kind: notice === 'reminded' ? 'deadline.reminder' : 'deadline.overdue',
      requestId: id.requestId,
      nNumbers: request.nNumbers,
      clock: kind,
      ...(id.subject ? { subject: id.subject } : {}),
      due: kept.due,
    };
    const people = notice === 'overdue' ? [...new Set([kept.ownerId, request.requestedBy.id])] : [kept.ownerId];
    for (const person of people) {
      if ((await notifier.tell(person, told)) === 'no-conversation') throw new Error(`no conversation with a person to tell about a clock of ${id.requestId} yet`);
    }
    await clocks.markNoticeSent(id, notice, now);
  }
}
