import type { CaseView, Desk, DeskSettings, MovedBooking, SlotAnswer } from './Desk.js';
import type { ActionSource } from './model/ActionSource.js';
import type { Actor } from './model/Actor.js';
import type { AuditEntry } from './model/AuditEntry.js';
import type { AttendeeResponse } from './model/ConferenceEvent.js';
import type { EventRef } from './model/ConferenceEvent.js';
import type { PlainDate } from './model/PlainDate.js';
import type { AuditLog } from './ports/AuditLog.js';
import type { Calendar } from './ports/Calendar.js';
import type { Clock } from './ports/Clock.js';
import type { ConversationReferences } from './ports/ConversationReferences.js';
import type { RequestStore } from './ports/RequestStore.js';
import type { SlotLedger } from './ports/SlotLedger.js';
import type { RawRequest } from './rules/discussionRequest.js';
import type { CaseAccess, CaseAction, TeamsSource } from './services/CaseAccess.js';
import { NotFoundError } from './services/errors.js';
import type { HandEdited, OutlookStandIn } from './services/OutlookStandIn.js';
import type { ReconcileReport, Reconciler } from './services/Reconciler.js';
import type { ReplyTracker } from './services/ReplyTracker.js';
import type { RequestIntake, RequestOutcome } from './services/RequestIntake.js';
import type { RotaBookingService } from './services/RotaBookingService.js';
import type { SlotFinder } from './services/SlotFinder.js';
import type { UrgentOutcome, UrgentRouteService } from './services/UrgentRouteService.js';
import type { WeekSlot, WeekView } from './services/WeekView.js';

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
  readonly replies: ReplyTracker;
  readonly outlook: OutlookStandIn;
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

  submitRequest(raw: RawRequest, actor: Actor, idempotencyKey: string): Promise<RequestOutcome> {
    return this.parts.intake.submit(raw, actor, idempotencyKey);
  }

  async cancelBooking(bookingId: string, actor: Actor, from: ActionSource, reason: string): Promise<CaseView> {
    const booking = await this.parts.booking.cancel(bookingId, actor, from, reason);
    return { booking, request: await this.requestOf(booking.requestId) };
  }

  async moveToLongerSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking> {
    const booking = await this.parts.booking.rebook(bookingId, actor, from, { longer: true });
    return { booking, request: await this.requestOf(booking.requestId), policeEmail: await this.parts.booking.policeEmailOf(booking) };
  }

  async bookNextSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking> {
    const booking = await this.parts.booking.rebook(bookingId, actor, from, { longer: false, after: true });
    return { booking, request: await this.requestOf(booking.requestId), policeEmail: await this.parts.booking.policeEmailOf(booking) };
  }

  async keepSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<CaseView> {
    const { booking, request } = await this.parts.replies.keep(bookingId, actor, from);
    return { booking, request, replies: await this.parts.replies.repliesFor(booking, request) };
  }

  recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome> {
    return this.parts.urgent.recordPoliceContact(requestId, actor, from);
  }

  recordCardPosted(requestId: string, actor: Actor, from: TeamsSource, activityId: string): Promise<void> {
    return this.parts.access.cardPosted(requestId, actor, from, activityId);
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

  async caseDetails(bookingId: string, actor: Actor, from: ActionSource, purpose: CaseAction = 'booking.show'): Promise<CaseView> {
    const { booking, request } = await this.parts.booking.details(bookingId, actor, from, purpose === 'booking.cancel' || purpose === 'booking.rebook' ? purpose : 'booking.show');
    return { booking, request, replies: await this.parts.replies.repliesFor(booking, request) };
  }

  bookingsOf(actor: Actor, from: ActionSource, nNumber?: string): Promise<readonly CaseView[]> {
    return this.parts.access.listBookings(actor, from, nNumber);
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

  private async requestOf(requestId: string) {
    const request = await this.parts.requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    return request;
  }
}
