import type { CaseView, Desk, DeskSettings, MovedBooking, SlotAnswer } from './Desk.js';
import type { ActionSource } from './model/ActionSource.js';
import type { Actor } from './model/Actor.js';
import type { AuditEntry } from './model/AuditEntry.js';
import type { NotificationReceipt } from './model/CalendarSubscription.js';
import type { AttendeeResponse } from './model/ConferenceEvent.js';
import type { EventRef } from './model/ConferenceEvent.js';
import type { PlainDate } from './model/PlainDate.js';
import type { DiscussionRequest } from './model/DiscussionRequest.js';
import type { AuditLog } from './ports/AuditLog.js';
import type { Calendar } from './ports/Calendar.js';
import type { Clock } from './ports/Clock.js';
import type { ConversationReferences } from './ports/ConversationReferences.js';
import type { RequestStore } from './ports/RequestStore.js';
import type { SlotLedger } from './ports/SlotLedger.js';
import type { RawRequest } from './rules/discussionRequest.js';
import { ignoreNotifications, type CalendarNotifications } from './services/CalendarNotifications.js';
import type { CaseAccess, CaseAction, TeamsSource } from './services/CaseAccess.js';
import type { ClockService } from './services/ClockService.js';
import type { ClockId, Deadline, StatutoryClock } from './model/StatutoryClock.js';
import type { CaseCards, CaseCardsView } from './services/CaseCards.js';
import type { PostedCard } from './model/CardPosting.js';
import { NotFoundError } from './services/errors.js';
import type { HandEdited, OutlookStandIn } from './services/OutlookStandIn.js';
import type { ReconcileReport, Reconciler } from './services/Reconciler.js';
import type { ReplyTracker } from './services/ReplyTracker.js';
import type { RequestIntake, RequestOutcome } from './services/RequestIntake.js';
import type { RotaBookingService } from './services/RotaBookingService.js';
import type { SlotFinder } from './services/SlotFinder.js';
import type { UrgentOutcome, UrgentRouteService } from './services/UrgentRouteService.js';
import type { WeekSlot, WeekView } from './services/WeekView.js';
import type { CirculatedRecord, DiscussionDesk, FinalisedPlan, PlanChange, PlanResult, RecordDocument, RecordDocumentKind, RedactedPlan, RunningLateResult, TypedMeeting } from './DiscussionDesk.js';
import type { UsualAction } from './model/DiscussionPlan.js';

export interface StrategyDeskParts {
  readonly settings: DeskSettings;
  readonly clock: Clock;
  readonly requests: RequestStore;
  readonly slots: SlotLedger;
  readonly auditLog: AuditLog;
  readonly conversations: ConversationReferences;
  readonly calendar: Calendar;
  readonly intake: RequestIntake;
  readonly booking: RotaBookingService;
  readonly urgent: UrgentRouteService;
  readonly access: CaseAccess;
  readonly finder: SlotFinder;
  readonly weekView: WeekView;
  readonly reconciler: Reconciler;
  readonly clocks: ClockService;
  /** Only with the Graph calendar and PUBLIC_URL. */
  readonly calendarNotifications?: CalendarNotifications;
  readonly cards: CaseCards;
  readonly replies: ReplyTracker;
  readonly outlook: OutlookStandIn;
  /** The shared action plan (issue 9): services/DiscussionPlanService.ts. */
  readonly plans: DiscussionDesk;
}

/**
 * The desk (scheduling/Desk.ts) over the services: each command or query is one call to the
 * service that owns it, so the procedure stays readable where it lives.
 */
export class StrategyDesk implements Desk {
  readonly settings: DeskSettings;

  constructor(private readonly parts: StrategyDeskParts) {
    this.settings = parts.settings;
  }

  now(): Date {
    return this.parts.clock.now();
  }

  checkRequest(raw: RawRequest, idempotencyKey: string): Promise<DiscussionRequest | 'submitted'> {
    return this.parts.intake.check(raw, idempotencyKey);
  }

  submitRequest(raw: RawRequest, actor: Actor, idempotencyKey: string): Promise<RequestOutcome> {
    return this.parts.intake.submit(raw, actor, idempotencyKey);
  }

  async cancelBooking(bookingId: string, actor: Actor, from: ActionSource, reason: string): Promise<CaseView> {
    const booking = await this.parts.booking.cancel(bookingId, actor, from, reason);
    await this.parts.cards.changed(booking.requestId);
    return { booking, request: await this.requestOf(booking.requestId) };
  }

  async moveToLongerSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking> {
    const booking = await this.parts.booking.rebook(bookingId, actor, from, { longer: true });
    await this.parts.cards.changed(booking.requestId);
    return { booking, request: await this.requestOf(booking.requestId), policeEmail: await this.parts.booking.policeEmailOf(booking) };
  }

  async bookNextSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking> {
    const booking = await this.parts.booking.rebook(bookingId, actor, from, { longer: false, after: true });
    await this.parts.cards.changed(booking.requestId);
    return { booking, request: await this.requestOf(booking.requestId), policeEmail: await this.parts.booking.policeEmailOf(booking) };
  }

  async keepSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<CaseView> {
    const { booking, request } = await this.parts.replies.keep(bookingId, actor, from);
    await this.parts.cards.changed(request.id);
    return { booking, request, replies: await this.parts.replies.repliesFor(booking, request) };
  }

  async recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const outcome = await this.parts.urgent.recordPoliceContact(requestId, actor, from);
    await this.parts.cards.changed(requestId);
    return outcome;
  }

  async undoPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const outcome = await this.parts.urgent.undoPoliceContact(requestId, actor, from);
    await this.parts.cards.changed(requestId);
    return outcome;
  }

  recordCouldNotReach(requestId: string, level: number, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    return this.parts.urgent.recordNotReached(requestId, level, actor, from);
  }

  recordDiscussionHeld(requestId: string, heldAt: Date, actor: Actor, from: ActionSource): Promise<StatutoryClock> {
    return this.parts.clocks.discussionHeld(requestId, heldAt, actor, from);
  }

  async recordMinutesCirculated(requestId: string, actor: Actor, from: ActionSource): Promise<StatutoryClock | undefined> {
    return this.parts.clocks.stop({ requestId, kind: 'minutes', subject: '' }, actor, from);
  }

  recordS47Decision(requestId: string, decision: { readonly conferenceConvened: boolean }, actor: Actor, from: ActionSource): Promise<readonly StatutoryClock[]> {
    return this.parts.clocks.s47Decided(requestId, decision, actor, from);
  }

  stopClock(id: ClockId, actor: Actor, from: ActionSource): Promise<StatutoryClock | undefined> {
    return this.parts.clocks.stop(id, actor, from);
  }

  recordCardPosted(requestId: string, actor: Actor, from: TeamsSource, activityId: string, card: PostedCard = 'case'): Promise<void> {
    return this.parts.access.cardPosted(requestId, actor, from, activityId, card);
  }

  rememberConversation(userId: string, conversationId: string, reference: unknown): Promise<void> {
    return this.parts.conversations.saveConversationReference(userId, conversationId, reference, this.parts.clock.now());
  }

  addCalendarEvent(event: { readonly subject: string; readonly start: Date; readonly end: Date }): Promise<EventRef> {
    return this.parts.calendar.createEvent({ ...event, attendees: [], body: '', location: '' });
  }

  answerInvite(booking: string, reply: { readonly address: string; readonly name?: string; readonly response: AttendeeResponse }): Promise<HandEdited> {
    return this.parts.outlook.answer(booking, reply);
  }

  moveEventByHand(booking: string, start: Date, minutes?: number): Promise<HandEdited & { readonly start: Date; readonly end: Date }> {
    return this.parts.outlook.move(booking, start, minutes);
  }

  deleteEventByHand(booking: string): Promise<HandEdited> {
    return this.parts.outlook.delete(booking);
  }

  reconcile(): Promise<ReconcileReport> {
    return this.parts.reconciler.run();
  }

  async receiveCalendarChanges(body: unknown): Promise<NotificationReceipt> {
    const notifications = this.parts.calendarNotifications;
    return notifications ? notifications.receiveChanges(body) : ignoreNotifications(body, 'changes');
  }

  async receiveCalendarLifecycle(body: unknown): Promise<NotificationReceipt> {
    const notifications = this.parts.calendarNotifications;
    return notifications ? notifications.receiveLifecycle(body) : ignoreNotifications(body, 'lifecycle');
  }

  async caseDetails(bookingId: string, actor: Actor, from: ActionSource, purpose: CaseAction = 'booking.show'): Promise<CaseView> {
    const { booking, request } = await this.parts.booking.details(bookingId, actor, from, purpose === 'booking.cancel' || purpose === 'booking.rebook' ? purpose : 'booking.show');
    // A moved booking's card keeps saying how it moved (bookingCard's movedTitle).
    const replaced = await this.parts.booking.replacedOf(booking);
    const policeEmail = await this.parts.booking.policeEmailOf(booking);
    return { booking, request, replies: await this.parts.replies.repliesFor(booking, request), ...(replaced ? { replaced } : {}), policeEmail };
  }

  async openPlanOfCase(nNumber: string, actor: Actor, from: ActionSource): Promise<PlanResult> {
    const { plans, slots } = this.parts;
    try {
      return await plans.planOfCase(nNumber, actor, from);
    } catch (error) {
      if (!(error instanceof NotFoundError && error.what === 'discussion')) throw error;
    }
    // Only the actor's own bookings are looked at; openPlan asks whether they may open it from here.
    const own = await slots.listBookings({ requestedBy: actor.id, statuses: ['reserved', 'booked'], nNumber });
    const latest = [...own].sort((a, b) => b.booking.start.getTime() - a.booking.start.getTime())[0];
    if (!latest) throw new NotFoundError('discussion', nNumber);
    return plans.openPlan(latest.request.id, actor, from);
  }

  bookingsOf(actor: Actor, from: ActionSource, nNumber?: string): Promise<readonly CaseView[]> {
    return this.parts.access.listBookings(actor, from, nNumber);
  }

  deadlinesOf(actor: Actor, from: ActionSource): Promise<readonly Deadline[]> {
    return this.parts.clocks.deadlinesOf(actor, from);
  }

  async urgentCase(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    const request = await this.requestOf(requestId);
    await this.parts.access.check(request, actor, from, 'request.show', { entity: 'request', id: requestId });
    return this.parts.urgent.outcome(request);
  }

  async slotFor(referredAt: Date, now: Date, longer: boolean): Promise<SlotAnswer> {
    const { finder } = this.parts;
    const plan = finder.plan(referredAt, now);
    const found = await finder.firstFree({ days: plan.days, cells: finder.cellsFor(longer), now });
    return { plan, ...(found ? { found } : {}) };
  }

  weekSlots(day: PlainDate): Promise<readonly WeekSlot[]> {
    return this.parts.weekView.slotsOfWeek(day);
  }

  async caseHistory(requestId: string, actor: Actor, from: ActionSource): Promise<readonly AuditEntry[]> {
    const { access, auditLog, slots } = this.parts;
    const request = await this.requestOf(requestId);
    await access.check(request, actor, from, 'request.history', { entity: 'request', id: requestId });
    const latest = await slots.lastBookingFor(requestId);
    const trail = [...(await auditLog.auditTrail(requestId)), ...(latest ? await auditLog.auditTrail(latest.id) : [])];
    return trail.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async caseCards(requestId: string): Promise<CaseCardsView> {
    const view = await this.parts.cards.of(requestId);
    // A booked slot's card says who answered the invite (issue 8): the replies as last read.
    if (view.booking?.status !== 'booked') return view;
    return { ...view, replies: await this.parts.replies.repliesFor(view.booking, view.request) };
  }

  conversationsOf(userId: string): Promise<readonly unknown[]> {
    return this.parts.conversations.conversationReferencesOf(userId);
  }

  // The shared action plan: DiscussionDesk.ts.
  openPlan(requestId: string, actor: Actor, from: ActionSource, typed?: TypedMeeting): Promise<PlanResult> {
    return this.discussion().openPlan(requestId, actor, from, typed);
  }

  viewPlan(discussionId: string, actor: Actor, from: ActionSource): Promise<PlanResult> {
    return this.discussion().viewPlan(discussionId, actor, from);
  }

  planOfCase(nNumber: string, actor: Actor, from: ActionSource): Promise<PlanResult> {
    return this.discussion().planOfCase(nNumber, actor, from);
  }

  changePlan(discussionId: string, version: number, change: PlanChange, actor: Actor, from: ActionSource): Promise<PlanResult> {
    return this.discussion().changePlan(discussionId, version, change, actor, from);
  }

  finalisePlan(discussionId: string, version: number, actor: Actor, from: ActionSource): Promise<FinalisedPlan> {
    return this.discussion().finalisePlan(discussionId, version, actor, from);
  }

  circulateRecord(discussionId: string, actor: Actor, from: ActionSource): Promise<CirculatedRecord> {
    return this.discussion().circulateRecord(discussionId, actor, from);
  }

  runningLate(discussionId: string, minutes: number, actor: Actor, from: ActionSource): Promise<RunningLateResult> {
    return this.discussion().runningLate(discussionId, minutes, actor, from);
  }

  planDocument(discussionId: string, kind: RecordDocumentKind, actor: Actor, from: ActionSource): Promise<RecordDocument> {
    return this.discussion().planDocument(discussionId, kind, actor, from);
  }

  usualActions(): readonly UsualAction[] {
    return this.discussion().usualActions();
  }

  sharedPlan(discussionId: string): Promise<{ readonly shared: RedactedPlan; readonly participantIds: readonly string[] }> {
    return this.discussion().sharedPlan(discussionId);
  }

  private discussion(): DiscussionDesk {
    return this.parts.plans;
  }

  private async requestOf(requestId: string) {
    const request = await this.parts.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    return request;
  }
}
