import type { ActionSource } from './model/ActionSource.js';
import type { Actor } from './model/Actor.js';
import type { AuditEntry } from './model/AuditEntry.js';
import type { Booking } from './model/Booking.js';
import type { NotificationReceipt } from './model/CalendarSubscription.js';
import type { CaseReply } from './model/CaseReply.js';
import type { AttendeeResponse } from './model/ConferenceEvent.js';
import type { EventRef } from './model/ConferenceEvent.js';
import type { DiscussionRequest, StoredRequest } from './model/DiscussionRequest.js';
import type { EscalationContact } from './model/EscalationContact.js';
import type { MailState } from './model/Mail.js';
import type { PlainDate } from './model/PlainDate.js';
import type { ClockId, Deadline, StatutoryClock } from './model/StatutoryClock.js';
import type { RawRequest } from './rules/discussionRequest.js';
import type { CaseAction, TeamsSource } from './services/CaseAccess.js';
import type { CaseCardsView } from './services/CaseCards.js';
import type { PostedCard } from './model/CardPosting.js';
import type { HandEdited } from './services/OutlookStandIn.js';
import type { ReconcileReport } from './services/Reconciler.js';
import type { RequestOutcome } from './services/RequestIntake.js';
import type { FoundSlot, RotaPlan } from './services/SlotFinder.js';
import type { UrgentOutcome } from './services/UrgentRouteService.js';
import type { WeekSlot } from './services/WeekView.js';
import type { DiscussionDesk, PlanResult } from './DiscussionDesk.js';

/** What the edges may show of the desk's settings: the area's rota and escalation list, never a secret. */
export interface DeskSettings {
  /** Length of one conference slot, minutes (a booking of this length may grow to a longer slot). */
  readonly slotMinutes: number;
  /** How many days past the rota day a booking looks for room. */
  readonly searchDays: number;
  /** Who the manager calls when police have not phoned within the hour (DOMAIN.md, urgent route). */
  readonly escalationContacts: readonly EscalationContact[];
  /** Where requests are emailed. */
  readonly policeReferralAddress: string;
  /** How participants join the discussion: the area's conference line (CONFERENCE_JOIN_DETAILS). */
  readonly joinDetails: string;
}

/** A booking with the request it is for. */
export interface CaseView {
  readonly booking: Booking;
  readonly request: StoredRequest;
  /**
   * The attendees of the booking's event as last read from the calendar, with each reply and its
   * time (who accepted, for the police or not). Given by `caseDetails`; empty before the first read.
   */
  readonly replies?: readonly CaseReply[];
  /**
   * The booking this one replaced (`booking.replaces`: a move to a longer or the next free slot),
   * so its card can keep saying it was extended or moved. Given by `caseDetails`.
   */
  readonly replaced?: Booking;
  /** The police referral unit's email about the booking (`pending` until its job has sent it). Given by `caseDetails`. */
  readonly policeEmail?: MailState;
}

/** A moved booking with its request and its police email. */
export interface MovedBooking extends CaseView {
  readonly policeEmail: MailState;
}

/** What the rota alone gives a referral, and the first free slot found for it (if any). */
export interface SlotAnswer {
  readonly plan: RotaPlan;
  readonly found?: FoundSlot;
}

/**
 * The one front door of Strategy Desk: the commands and queries the bot, the command line and
 * any page use. Behind it the services apply the rules (scheduling/services, scheduling/rules);
 * the edges only turn input into these calls and results into cards, text or exit codes.
 * Who may act is asked here, not at the edges: every command and query on a case takes the
 * actor and where the action came from (`ActionSource`), and refuses with `NotPermittedError`.
 * Failures the edges must handle are `DeskError`s with a stable `code` (services/errors.ts).
 * The shared action plan's commands and queries are in `DiscussionDesk` (scheduling/DiscussionDesk.ts).
 */
export interface Desk extends DiscussionDesk {
  readonly settings: DeskSettings;
  /** Now, by the desk's clock (the request form's default referral time). */
  now(): Date;

  // Commands
  /**
   * Takes a request for a strategy discussion: validated, saved under its idempotency key (a retry
   * gets the first answer), sent down the urgent or the rota route.
   * @throws InvalidRequestError naming each bad field (nothing stored); NoSlotError (the request is kept).
   */
  submitRequest(raw: RawRequest, actor: Actor, idempotencyKey: string): Promise<RequestOutcome>;
  /**
   * Checks a request without taking it, for the summary shown before an urgent email goes: the
   * request as it would be taken, or `submitted` when one was already taken under this key.
   * Nothing is stored or sent. @throws InvalidRequestError naming each bad field.
   */
  checkRequest(raw: RawRequest, idempotencyKey: string): Promise<DiscussionRequest | 'submitted'>;
  /** Cancels a booking; attendees are told. @throws NotPermittedError, NotFoundError */
  cancelBooking(bookingId: string, actor: Actor, from: ActionSource, reason: string): Promise<CaseView>;
  /** Moves a booking to a longer slot (it grows in place when it can). @throws NotPermittedError, NotFoundError, ConflictError, NoSlotError */
  moveToLongerSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking>;
  /**
   * The police declined: the booking moves to the earliest free slot starting after this one
   * (attendees are told). @throws NotPermittedError, NotFoundError, ConflictError, NoSlotError
   */
  bookNextSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<MovedBooking>;
  /** The police declined and the manager keeps the slot: recorded and audited; the desk stops asking. @throws NotPermittedError, NotFoundError, ConflictError */
  keepSlot(bookingId: string, actor: Actor, from: ActionSource): Promise<CaseView>;
  /** The manager records that police made contact on an urgent request: the escalation stops. */
  recordPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome>;
  /**
   * Undoes a police contact recorded by mistake, within 15 minutes of it: the escalation is back on
   * its clock (counted from the email). Audited. @throws NotPermittedError, NotFoundError, ConflictError (none recorded, or too late)
   */
  undoPoliceContact(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome>;
  /**
   * The manager could not reach the contacts of escalation `level` (urgent request, police have
   * not called): the attempt is audited and the next level is shown; a repeat changes nothing.
   * @throws NotPermittedError, NotFoundError, ConflictError (no escalation yet, or police contact recorded)
   */
  recordCouldNotReach(requestId: string, level: number, actor: Actor, from: ActionSource): Promise<UrgentOutcome>;
  /** The discussion was held: the record (minutes) clock starts (24 hours or working days, per area). @throws NotPermittedError, NotFoundError */
  recordDiscussionHeld(requestId: string, heldAt: Date, actor: Actor, from: ActionSource): Promise<StatutoryClock>;
  /** The record was circulated to all participants: its clock stops. @throws NotPermittedError, NotFoundError */
  recordMinutesCirculated(requestId: string, actor: Actor, from: ActionSource): Promise<StatutoryClock | undefined>;
  /**
   * Section 47 enquiries were decided (now): the outcome (working day 3), enquiry (15 working days)
   * and, when convened, initial child protection conference (15 working days) clocks start.
   * @throws NotPermittedError, NotFoundError
   */
  recordS47Decision(requestId: string, decision: { readonly conferenceConvened: boolean }, actor: Actor, from: ActionSource): Promise<readonly StatutoryClock[]>;
  /** What a clock waited for is done: it stops with its reminder and overdue notice. @throws NotPermittedError, NotFoundError */
  stopClock(id: ClockId, actor: Actor, from: ActionSource): Promise<StatutoryClock | undefined>;
  /**
   * A card about the request (`card`: its own card, or its agenda) now stands at `activityId` in
   * the actor's conversation: its members may act on the case, and the card follows the case.
   */
  recordCardPosted(requestId: string, actor: Actor, from: TeamsSource, activityId: string, card?: PostedCard): Promise<void>;
  /** Keeps where the bot can reach a person again (a Teams conversation reference, opaque here). */
  rememberConversation(userId: string, conversationId: string, reference: unknown): Promise<void>;
  /** An event typed into the shared calendar by hand (local calendar: as a person in Outlook would). */
  addCalendarEvent(event: { readonly subject: string; readonly start: Date; readonly end: Date }): Promise<EventRef>;
  /**
   * Outlook, played on the local calendar (no tenant needed): an attendee answers the invite of a
   * booking (named by id, or by an N number with one live booking); someone not invited yet (a
   * forwarded invite) is added as they answer. The desk notices on its next calendar read.
   * @throws ConflictError with the Graph calendar (people answer in Outlook), NotFoundError
   */
  answerInvite(booking: string, reply: { readonly address: string; readonly name?: string; readonly response: AttendeeResponse }): Promise<HandEdited>;
  /** Outlook, played on the local calendar: the booking's event moved (and resized, with `minutes`) by hand. @throws ConflictError, NotFoundError */
  moveEventByHand(booking: string, start: Date, minutes?: number): Promise<HandEdited & { readonly start: Date; readonly end: Date }>;
  /** Outlook, played on the local calendar: the booking's event deleted by hand. @throws ConflictError, NotFoundError */
  deleteEventByHand(booking: string): Promise<HandEdited>;
  /** Finishes or cleans up what a crash or a failed call left half done. */
  reconcile(): Promise<ReconcileReport>;
  /**
   * A batch of Graph change notifications on the shared calendar (the body as posted). Each item
   * whose clientState matches the kept secret schedules a `calendar.sync` job (a notification is
   * never trusted as data); the others are ignored and listed, ids only. Without a subscription
   * (no PUBLIC_URL) every item is ignored.
   * @throws InvalidNotificationError when the body is not a notification batch.
   */
  receiveCalendarChanges(body: unknown): Promise<NotificationReceipt>;
  /**
   * A batch of Graph lifecycle notifications, checked the same way: reauthorizationRequired renews
   * the subscription, subscriptionRemoved makes another, missed schedules a full calendar sync.
   * @throws InvalidNotificationError when the body is not a notification batch.
   */
  receiveCalendarLifecycle(body: unknown): Promise<NotificationReceipt>;

  // Queries
  /** A booking and its request, for someone who may see it. @throws NotPermittedError, NotFoundError */
  caseDetails(bookingId: string, actor: Actor, from: ActionSource, purpose?: CaseAction): Promise<CaseView>;
  /**
   * `agenda <N number>`: the plan of the case's latest discussion, for someone who may see it where
   * they ask; when the case has no plan yet, a new one for the actor's own latest live booking of
   * it (before or during its slot). @throws NotFoundError ('discussion': nothing to open), NotPermittedError
   */
  openPlanOfCase(nNumber: string, actor: Actor, from: ActionSource): Promise<PlanResult>;
  /** The actor's live bookings from now on (of one case, with `nNumber`) that may be listed where they ask. */
  bookingsOf(actor: Actor, from: ActionSource, nNumber?: string): Promise<readonly CaseView[]>;
  /** What is due and overdue for the actor, soonest first, that may be listed where they ask (`my deadlines`). */
  deadlinesOf(actor: Actor, from: ActionSource): Promise<readonly Deadline[]>;
  /** An urgent request as it stands now (email, police contact, escalation), for someone who may see it. @throws NotPermittedError, NotFoundError */
  urgentCase(requestId: string, actor: Actor, from: ActionSource): Promise<UrgentOutcome>;
  /** What slot a referral would get, as of `now`; books nothing. */
  slotFor(referredAt: Date, now: Date, longer: boolean): Promise<SlotAnswer>;
  /** The week's conference slots (the week holding `day`), free or taken. */
  weekSlots(day: PlainDate): Promise<readonly WeekSlot[]>;
  /** The audit trail of a request and its latest booking, for someone who may act on it. */
  caseHistory(requestId: string, actor: Actor, from: ActionSource): Promise<readonly AuditEntry[]>;

  // Queries for the system (the notifier), not for a person: no access check; the edge decides who sees what.
  /** A request as it is now (a booked slot with its invite's replies), and every card posted about it with its conversation reference. @throws NotFoundError */
  caseCards(requestId: string): Promise<CaseCardsView>;
  /** Where the bot can reach a person: their kept conversation references, newest first. */
  conversationsOf(userId: string): Promise<readonly unknown[]>;
}

