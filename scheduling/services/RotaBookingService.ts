import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Calendar } from '../ports/Calendar.js';
import type { ConferenceEvent } from '../model/ConferenceEvent.js';
import type { Clock } from '../ports/Clock.js';
import type { JobHandlers, Jobs } from '../ports/Jobs.js';
import type { MailState } from '../model/Mail.js';
import type { Actor } from '../model/Actor.js';
import type { Booking } from '../model/Booking.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { ActionSource } from '../model/ActionSource.js';
import { calendarSubject, type SubjectSettings } from '../rules/calendarSubject.js';
import { conferenceName } from '../rules/conferenceName.js';
import type { Interval, Slot } from '../model/Interval.js';
import type { PlainDate } from '../model/PlainDate.js';
import { appointmentBody, strategyDiscussionMail } from '../rules/referralMails.js';
import type { Rota } from '../model/Rota.js';
import { slotCells } from '../rules/slotCells.js';
import type { CaseAccess } from './CaseAccess.js';
import type { DiscussionVenue } from './DiscussionVenue.js';
import { refreshCardsJob } from './cardJobs.js';
import { ConflictError, NoSlotError, NotFoundError } from './errors.js';
import type { MailOnce, MailOutcome } from './MailOnce.js';
import type { SlotFinder } from './SlotFinder.js';

export interface RotaBookingDeps {
  readonly requests: RequestStore;
  readonly slots: SlotLedger;
  readonly calendar: Calendar;
  readonly clock: Clock;
  readonly rota: Rota;
  readonly finder: SlotFinder;
  readonly mail: MailOnce;
  /** Who may cancel, move or see a booking. */
  readonly access: CaseAccess;
  readonly newId: () => string;
  /** Keeps the agenda's job in step with the slot (booked, moved, cancelled). */
  readonly venue?: Pick<DiscussionVenue, 'slotBooked' | 'slotDropped' | 'slotMoved'>;
  readonly jobs: Jobs;
  /**
   * When a booking's police email goes: `in-turn` (the command line, which runs no jobs: the
   * booking waits for it) or `job` (the bot: right after, from a durable job, so the manager's
   * card comes back after the two calendar calls and says the email is pending until it has gone).
   */
  readonly policeEmail: 'in-turn' | 'job';
  readonly settings: {
    readonly calendarId: string;
    readonly policeReferralAddress: string;
    readonly subject: SubjectSettings;
    readonly joinDetails: string;
    /** CONFERENCE_MODE=teams: every event is created as a Teams meeting. */
    readonly teamsMeeting?: boolean;
  };
}

/**
 * The rota route: books the earliest free conference slot for a request, exactly once, and
 * emails the police referral unit. Cancels and moves bookings.
 * Rule: DOMAIN.md "Strategy discussion on the rota" and "The booking".
 *
 * Order of work, so that a crash at any point leaves nothing double-booked or lost:
 * 1. reserve the slot's cells in the store (the database refuses a second holder);
 * 2. create the calendar event under the booking's transactionId (a retry returns the same event);
 * 3. record the event on the booking; 4. send the police email once (keyed by booking), in the
 * turn or from the job `booking.police-email` right after (see `policeEmail`).
 * A reservation left without an event is finished by `Reconciler` (start-up and timer).
 */
export class RotaBookingService {
  constructor(private readonly deps: RotaBookingDeps) {}

  /** Books a slot for a saved rota request, or returns/finishes the one it already has. */
  async book(request: StoredRequest, actor: Actor): Promise<Booking> {
    const current = await this.deps.slots.currentBookingFor(request.id);
    if (current) return this.finish(current, request, actor);
    const plan = this.deps.finder.plan(request.referredAt, this.deps.clock.now());
    const booking = await this.reserveFirstFree(request, actor, plan.days, this.deps.finder.cellsFor(request.longerSlot));
    return this.finish(booking, request, actor);
  }

  /**
   * Moves a booking to the next free slot: a longer one if asked (its own cells count as free,
   * so a longer slot can grow in place), otherwise the earliest other slot - or, with `after`
   * (the police declined it), the earliest slot starting once this one has ended.
   * @throws NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async rebook(bookingId: string, actor: Actor, from: ActionSource, options: { longer: boolean; after?: boolean }): Promise<Booking> {
    const { finder, clock } = this.deps;
    const { booking: old, request } = await this.details(bookingId, actor, from, 'booking.rebook');
    if (old.status === 'cancelled') throw new ConflictError('a cancelled booking cannot be moved');
    const notBefore = options.after && old.end.getTime() > clock.now().getTime() ? old.end : undefined;
    const plan = finder.plan(request.referredAt, notBefore ?? clock.now());
    const cells = options.longer ? finder.cellsFor(true) : Math.max(1, Math.round((old.end.getTime() - old.start.getTime()) / 60_000 / this.deps.rota.slotMinutes));
    const moved = await this.reserveFirstFree(request, actor, plan.days, cells, old, options.longer ? [] : [old], notBefore);
    const done = await this.finish(moved, request, actor);
    await this.deps.venue?.slotMoved(old, done);
    if (old.eventId) await this.deps.calendar.cancelEvent(old.eventId, 'This strategy discussion has moved to a new time.');
    return done;
  }

  /**
   * Books a new slot in place of a reservation whose slot started before its event was made (a
   * crash): the new reservation and the release of the old one are one step, so the request is
   * never left with only a cancelled booking, and a failure leaves the old reservation for the
   * next run. Used by the reconciler, not by people.
   */
  async replacePassed(stale: Booking, request: StoredRequest, actor: Actor): Promise<Booking> {
    const { finder, clock } = this.deps;
    const plan = finder.plan(request.referredAt, clock.now());
    const cells = Math.max(1, Math.round((stale.end.getTime() - stale.start.getTime()) / 60_000 / this.deps.rota.slotMinutes));
    const moved = await this.reserveFirstFree(request, actor, plan.days, cells, stale);
    return this.finish(moved, request, actor);
  }

  /**
   * Cancels a booking: frees its cells first, then cancels its event (attendees are told).
   * @throws NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async cancel(bookingId: string, actor: Actor, from: ActionSource, reason: string): Promise<Booking> {
    const { slots, calendar, clock } = this.deps;
    const { booking } = await this.details(bookingId, actor, from, 'booking.cancel');
    const cancelled = await slots.cancelBooking(bookingId, actor, clock.now(), reason);
    await this.deps.venue?.slotDropped(cancelled);
    // Cells go first: while the event still stands, the calendar itself keeps the slot busy.
    if (booking.eventId) await calendar.cancelEvent(booking.eventId, reason);
    return cancelled;
  }

  /**
   * A booking and its request, for someone who may see them from where they ask (the agenda and
   * the booking card); `action` names what they are about to do, for the audit of a refusal.
   * @throws NotFoundError, or NotPermittedError when `actor` may not act on the case from `from` (audited).
   */
  async details(bookingId: string, actor: Actor, from: ActionSource, action: 'booking.show' | 'booking.cancel' | 'booking.rebook' = 'booking.show'): Promise<{ booking: Booking; request: StoredRequest }> {
    const booking = await this.deps.slots.getBooking(bookingId);
    if (!booking) throw new NotFoundError('booking', bookingId);
    const request = await this.requestOf(booking);
    await this.deps.access.check(request, actor, from, action, { entity: 'booking', id: bookingId });
    return { booking, request };
  }

  /**
   * Creates the event for a reserved booking (idempotent through its transactionId), records it,
   * and sends the police email once. Safe to call again after a crash or a failed attempt.
   */
  async finish(booking: Booking, request: StoredRequest, actor: Actor): Promise<Booking> {
    const { slots, calendar, clock } = this.deps;
    let done = booking;
    if (booking.status === 'reserved') {
      const ref = await calendar.createEvent(this.eventFor(request, booking), booking.transactionId);
      done = await slots.confirmBooking(booking.id, ref.id, actor, clock.now(), ref.joinUrl);
    }
    if (done.status !== 'booked') return done;
    if (this.deps.policeEmail === 'job') await this.deps.jobs.schedule(bookingJobs.policeEmail, { bookingId: done.id }, { key: done.id });
    else await this.sendPoliceEmail(done, request);
    // The agenda's job, after the police email (which matters more); kept again on a retry too
    // (keyed), so a crash between confirming and keeping it is mended.
    await this.deps.venue?.slotBooked(done);
    return done;
  }

  /**
   * The job that sends a booked slot's police email (`policeEmail: 'job'`). Not sent yet (Graph
   * refused it, or another sender holds its claim): the job throws and is retried. Once it has
   * gone, the request's posted cards are refreshed so none still says it is pending; the refresh
   * waits `cardRefreshDelaySeconds`, so the booking turn that posted the card has recorded it.
   * A booking cancelled meanwhile sends nothing.
   */
  handlers(): JobHandlers {
    return {
      [bookingJobs.policeEmail]: async (data) => {
        const bookingId = typeof data.bookingId === 'string' ? data.bookingId : '';
        const booking = await this.deps.slots.getBooking(bookingId);
        if (booking?.status !== 'booked') return;
        const request = await this.requestOf(booking);
        const sent = await this.sendPoliceEmail(booking, request);
        if (sent.state === 'pending') throw new PoliceEmailNotSentYet(booking.id);
        if (sent.sentNow) {
          const runAt = new Date(this.deps.clock.now().getTime() + cardRefreshDelaySeconds * 1000);
          await this.deps.jobs.schedule(refreshCardsJob, { requestId: request.id }, { key: request.id, runAt });
        }
      },
    };
  }

  /**
   * The `Strategy discussion` email for a booked slot, at most once. A failed send leaves it
   * pending (the booking stands; the reconciler sends the email later) rather than failing the booking.
   */
  sendPoliceEmail(booking: Booking, request: StoredRequest): Promise<MailOutcome> {
    const { settings } = this.deps;
    return this.deps.mail.sendOnce(policeEmailKey(booking), strategyDiscussionMail(request, booking, settings.policeReferralAddress, settings.joinDetails));
  }

  /** Whether a booking's police email has gone, is pending, or is held for a person to check. */
  policeEmailOf(booking: Booking): Promise<MailState> {
    return this.deps.mail.stateOf(policeEmailKey(booking));
  }

  /** The booking this one replaced when it was moved (to a longer or the next free slot), so its card can say how. */
  async replacedOf(booking: Booking): Promise<Booking | undefined> {
    return booking.replaces ? this.deps.slots.getBooking(booking.replaces) : undefined;
  }

  private async reserveFirstFree(request: StoredRequest, actor: Actor, days: readonly PlainDate[], cells: number, replacing?: Booking, alsoBusy: Interval[] = [], notBefore?: Date): Promise<Booking> {
    const { slots, finder, clock, rota, newId, settings } = this.deps;
    const lost: Interval[] = [...alsoBusy];
    const calendarReads = new Map<PlainDate, readonly Interval[]>();
    for (;;) {
      const now = clock.now();
      const earliest = notBefore && notBefore.getTime() > now.getTime() ? notBefore : now;
      const found = await finder.firstFree({ days, cells, now: earliest, lost, calendarReads, ...(replacing ? { ignoreBooking: replacing } : {}) });
      if (!found) throw new NoSlotError(days[0] ?? '', rota.searchDays);
      const id = newId();
      const booking = { id, requestId: request.id, calendarId: settings.calendarId, transactionId: id, start: found.slot.start, end: found.slot.end, ...(replacing ? { replaces: replacing.id } : {}) };
      if (await slots.reserve(booking, slotCells(found.slot, rota), actor, now)) {
        const reserved = await slots.getBooking(id);
        if (!reserved) throw new Error(`reserved booking ${id} vanished`);
        return reserved;
      }
      // Refused: either the same request got a live booking meanwhile (a double-click racing us),
      // which we then finish instead, or another booking took the slot between our read and our reserve.
      const raced = replacing ? undefined : await slots.currentBookingFor(request.id);
      if (raced) return raced;
      lost.push(...(await this.cellsLost(found.slot, replacing)));
    }
  }

  /**
   * The cells of a refused slot that another booking now holds: only those count as lost, so an
   * overlapping slot that is still free (10:15-10:45 after losing 10:00-10:30 to a 10:00 booking)
   * can be found. If none is held any more (the other booking was cancelled meanwhile), the whole
   * slot counts as lost, so the search moves on rather than trying the same slot for ever. Cells
   * of the booking being moved are its own, not lost.
   */
  private async cellsLost(slot: Slot, replacing?: Booking): Promise<Interval[]> {
    const held = await this.deps.slots.heldCells(this.deps.settings.calendarId, slot.start, slot.end);
    const others = held.filter((cell) => !replacing || cell.start < replacing.start || cell.end > replacing.end);
    return others.length > 0 ? others : [slot];
  }

  private eventFor(request: StoredRequest, slot: Slot & { id: string }): ConferenceEvent {
    const { settings } = this.deps;
    const attendees = [
      { address: settings.policeReferralAddress, type: 'required' as const },
      ...(request.managerEmail ? [{ address: request.managerEmail, name: request.managerName, type: 'required' as const }] : []),
      ...request.invitees.map((address) => ({ address, type: 'required' as const })),
    ];
    return {
      subject: calendarSubject(request, settings.subject),
      start: slot.start,
      end: slot.end,
      attendees,
      body: appointmentBody(request, slot, settings.joinDetails),
      location: `Conference ${conferenceName(request.nNumbers)}`,
      bookingId: slot.id,
      ...(settings.teamsMeeting ? { teamsMeeting: true } : {}),
    };
  }

  private async requestOf(booking: Booking): Promise<StoredRequest> {
    const request = await this.deps.requests.getRequest(booking.requestId);
    if (!request) throw new NotFoundError('request', booking.requestId);
    return request;
  }
}

/** Job names of the booking service. */
export const bookingJobs = {
  /** Sends a booked slot's police email, data {bookingId}. */
  policeEmail: 'booking.police-email',
} as const;

/** How long after a police email went its booking's cards are refreshed (see `handlers`). */
export const cardRefreshDelaySeconds = 10;

/** The police email has not gone yet (a send Graph refused, or one in flight elsewhere): the job tries again. */
export class PoliceEmailNotSentYet extends Error {
  constructor(bookingId: string) {
    super(`the police email of booking ${bookingId} has not gone yet`);
    this.name = 'PoliceEmailNotSentYet';
  }
}

/** The mail ledger's key for a booking's `Strategy discussion` email. */
const policeEmailKey = (booking: Booking) => `strategy-discussion:${booking.id}`;
