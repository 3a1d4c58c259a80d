import type { MailLedger } from '../ports/MailLedger.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Calendar } from '../ports/Calendar.js';
import type { CalendarEntry } from '../model/ConferenceEvent.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor } from '../model/Actor.js';
import type { RotaBookingService } from './RotaBookingService.js';
import type { UrgentRouteService } from './UrgentRouteService.js';
import type { Booking } from '../model/Booking.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import { Sweep } from './Sweep.js';

export interface ReconcileReport {
  /** Reservations whose event was created (or found, via its transactionId) and recorded. */
  readonly finished: readonly string[];
  /** Reservations for slots that had already started: freed and booked again from now. */
  readonly rebooked: readonly string[];
  /** Our events whose booking is cancelled: cancelled in the calendar. */
  readonly orphanEventsCancelled: readonly string[];
  /** Booked slots whose police email had not gone (its send failed, or the sender died): sent now. */
  readonly mailsSent: readonly string[];
  /** Urgent requests whose URGENT S47 ENQUIRY was not recorded as gone: sent now, or found sent and recorded. */
  readonly urgentSent: readonly string[];
  /** Keys of mails that may have gone but could not be checked: held for a person, never sent blind. */
  readonly needsChecking: readonly string[];
  /** Reservations, mails or orphan events that could not be dealt with this time (left for the next run); `calendar` when the calendar could not be read for the orphan sweep. */
  readonly failed: readonly string[];
}

/** Listed in `failed` when the calendar could not be read for the orphan sweep. */
export const calendarUnread = 'calendar';

const system: Actor = { id: 'system:reconciler', name: 'Strategy Desk reconciler' };

/** The reconciler's job names: the sweep, and one job per item it finds (data: ids only). */
export const reconcileJobs = {
  sweep: 'reconcile.sweep',
  reservation: 'reconcile.reservation',
  urgentEmail: 'reconcile.urgent-email',
  policeEmail: 'reconcile.police-email',
  orphanEvent: 'reconcile.orphan-event',
} as const;

/** What one sweep found and handed to jobs (ids only), and what it could not look at. */
export interface SweepFound {
  readonly reservations: readonly string[];
  readonly urgentEmails: readonly string[];
  readonly policeEmails: readonly string[];
  readonly orphanEvents: readonly string[];
  /** Keys of mails that may have gone but could not be checked: held for a person, never sent blind. */
  readonly needsChecking: readonly string[];
  /** The calendar could not be read for the orphan sweep (the next sweep tries again). */
  readonly calendarUnread: boolean;
}

/** An item the reconciler could not settle this time: its job throws this and is tried again. */
export class NotSettledYet extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${id} is not settled yet`);
    this.name = 'NotSettledYet';
  }
}

/** The window after now the orphan sweep looks at. */
const horizonDays = 60;

/**
 * Makes the store and the calendar agree after a crash or a failed call: no reservation without
 * an event, no event of ours without a live booking, no police email left unsent.
 *
 * In the bot this runs on the job engine: a recurring sweep (`reconcile.sweep`, every
 * `sweepEverySeconds`, see Sweep.ts) finds the work and schedules one job per item, keyed by its
 * id, so each item is tried (and retried) on its own and one failure does not stop the others.
 * `run()` does the same work at once, in this process, and reports it (the CLI's `reconcile`).
 */
export class Reconciler {
  private readonly sweeper: Sweep;

  constructor(
    private readonly deps: {
      mailLedger: MailLedger;
      requests: RequestStore;
      slots: SlotLedger;
      calendar: Calendar;
      clock: Clock;
      booking: RotaBookingService;
      urgent: UrgentRouteService;
      calendarId: string;
      /** A reservation younger than this may still be in flight in another process. */
      reservationTimeoutSeconds: number;
      jobs: Jobs;
      /** How often the sweep looks for work. */
      sweepEverySeconds: number;
      /** Told what each sweep found (the wiring logs held mails for a person). */
      onSweep?: (found: SweepFound) => void;
      /** Told when a sweep itself failed (the next one tries again). */
      onSweepError?: (error: unknown) => void;
    },
  ) {
    this.sweeper = new Sweep(deps, reconcileJobs.sweep, deps.sweepEverySeconds, () => this.sweep().then(() => undefined), (error) => deps.onSweepError?.(error));
  }

  /** Starts the recurring sweep (one run now, then every `sweepEverySeconds`): the bot, at start. */
  startSweeping(): Promise<void> {
    return this.sweeper.start();
  }

  /** The sweep and the per-item jobs, for the engine. */
  handlers(): JobHandlers {
    return {
      ...this.sweeper.handlers(),
      [reconcileJobs.reservation]: async (data) => {
        const booking = await this.deps.slots.getBooking(idIn(data, 'bookingId'));
        if (booking?.status === 'reserved') await this.reservation(booking);
      },
      [reconcileJobs.urgentEmail]: async (data) => {
        const request = await this.deps.requests.getRequest(idIn(data, 'requestId'));
        if (request && (await this.urgentEmail(request)) === 'pending') throw new NotSettledYet('urgent email of request', request.id);
      },
      [reconcileJobs.policeEmail]: async (data) => {
        const booking = await this.deps.slots.getBooking(idIn(data, 'bookingId'));
        if (booking?.status === 'booked' && (await this.policeEmail(booking)) === 'pending') throw new NotSettledYet('police email of booking', booking.id);
      },
      [reconcileJobs.orphanEvent]: async (data) => {
        await this.orphanEvent(idIn(data, 'eventId'), idIn(data, 'bookingId'));
      },
    };
  }

  /** Finds what needs reconciling and schedules one job per item (one waiting job per item, however often it runs). */
  async sweep(): Promise<SweepFound> {
    const { jobs } = this.deps;
    const work = await this.find();
    for (const booking of work.reservations) await jobs.schedule(reconcileJobs.reservation, { bookingId: booking.id }, { key: booking.id });
    for (const request of work.urgentRequests) await jobs.schedule(reconcileJobs.urgentEmail, { requestId: request.id }, { key: request.id });
    for (const booking of work.unmailed) await jobs.schedule(reconcileJobs.policeEmail, { bookingId: booking.id }, { key: booking.id });
    for (const event of work.orphanCandidates) await jobs.schedule(reconcileJobs.orphanEvent, { eventId: event.id, bookingId: event.bookingId }, { key: event.id });
    const found: SweepFound = {
      reservations: work.reservations.map((b) => b.id),
      urgentEmails: work.urgentRequests.map((r) => r.id),
      policeEmails: work.unmailed.map((b) => b.id),
      orphanEvents: work.orphanCandidates.map((e) => e.id),
      needsChecking: (await this.deps.mailLedger.mailsNeedingChecking()).map((m) => m.key),
      calendarUnread: work.calendarUnread,
    };
    this.deps.onSweep?.(found);
    return found;
  }

  /** Does all of it now, in this process, each item on its own, and reports what became of each. */
  async run(): Promise<ReconcileReport> {
    const work = await this.find();
    const finished: string[] = [];
    const rebooked: string[] = [];
    const failed: string[] = [];
    for (const stale of work.reservations) {
      try {
        const done = await this.reservation(stale);
        if (done === 'finished') finished.push(stale.id);
        else if (done === 'rebooked') rebooked.push(stale.id);
      } catch {
        failed.push(stale.id);
      }
    }
    const urgentSent: string[] = [];
    for (const request of work.urgentRequests) {
      try {
        const email = await this.urgentEmail(request);
        if (email === 'sent') urgentSent.push(request.id);
        // Pending again (being sent elsewhere, or failed): left for the next run. Held ones are listed below.
        else if (email === 'pending') failed.push(request.id);
      } catch {
        failed.push(request.id);
      }
    }
    const mailsSent: string[] = [];
    for (const live of work.unmailed) {
      try {
        const sent = await this.policeEmail(live);
        if (sent === 'sent now') mailsSent.push(live.id);
        else if (sent === 'pending') failed.push(live.id);
      } catch {
        failed.push(live.id);
      }
    }
    if (work.calendarUnread) failed.push(calendarUnread); // the sweep waits for the next run; the report is still given
    // Each event on its own: one the calendar refuses to cancel is listed and left for the next run.
    const orphanEventsCancelled: string[] = [];
    for (const event of work.orphanCandidates) {
      try {
        if (await this.orphanEvent(event.id, event.bookingId)) orphanEventsCancelled.push(event.id);
      } catch {
        failed.push(event.id);
      }
    }
    const needsChecking = (await this.deps.mailLedger.mailsNeedingChecking()).map((m) => m.key);
    return { finished, rebooked, orphanEventsCancelled, mailsSent, urgentSent, needsChecking, failed };
  }

  /** What needs looking at now: settled reservations, unsent urgent and police emails, our events with no live booking. */
  private async find(): Promise<{
    reservations: readonly Booking[];
    urgentRequests: readonly StoredRequest[];
    unmailed: readonly Booking[];
    orphanCandidates: ReadonlyArray<{ id: string; bookingId: string }>;
    calendarUnread: boolean;
  }> {
    const { requests, slots, calendar, clock, calendarId, reservationTimeoutSeconds } = this.deps;
    const now = clock.now();
    const settled = new Date(now.getTime() - reservationTimeoutSeconds * 1000);
    const reservations = await slots.reservationsBefore(settled);
    const urgentRequests = await requests.urgentRequestsUnsent(settled);
    const until = new Date(now.getTime() + horizonDays * 86_400_000);
    const liveBookings = (await slots.bookingsBetween(calendarId, now, until)).filter((b) => b.status !== 'cancelled');
    const unmailed = liveBookings.filter((b) => b.status === 'booked' && b.updatedAt < settled);
    const live = new Set(liveBookings.map((b) => b.id));
    let ours: readonly CalendarEntry[] = [];
    let calendarUnread = false;
    try {
      ours = await calendar.busyBetween(now, until);
    } catch {
      calendarUnread = true;
    }
    const orphanCandidates = ours.flatMap((event) => (event.bookingId && !live.has(event.bookingId) ? [{ id: event.id, bookingId: event.bookingId }] : []));
    return { reservations, urgentRequests, unmailed, orphanCandidates, calendarUnread };
  }

  /** A reservation left without its event: finished, or booked again from now when its slot has passed. */
  private async reservation(stale: Booking): Promise<'finished' | 'rebooked' | 'no request'> {
    const { requests, booking, clock } = this.deps;
    const request = await requests.getRequest(stale.requestId);
    if (!request) return 'no request';
    if (stale.start.getTime() <= clock.now().getTime()) {
      await booking.replacePassed(stale, request, system);
      return 'rebooked';
    }
    await booking.finish(stale, request, system);
    return 'finished';
  }

  /** An urgent request's URGENT S47 ENQUIRY, sent once (or found sent and recorded). */
  private async urgentEmail(request: StoredRequest): Promise<string> {
    return (await this.deps.urgent.send(request, system)).email;
  }

  /** A booked slot's police email, sent once. */
  private async policeEmail(live: Booking): Promise<'sent now' | 'pending' | 'settled' | 'no request'> {
    const { requests, booking } = this.deps;
    const request = await requests.getRequest(live.requestId);
    if (!request) return 'no request';
    const sent = await booking.sendPoliceEmail(live, request);
    return sent.sentNow ? 'sent now' : sent.state === 'pending' ? 'pending' : 'settled';
  }

  /** Cancels an event of ours whose booking is gone or cancelled; true when it did. */
  private async orphanEvent(eventId: string, bookingId: string): Promise<boolean> {
    const known = await this.deps.slots.getBooking(bookingId);
    // A booking reserved moments ago in another process may not have its event recorded yet.
    if (known && known.status !== 'cancelled') return false;
    await this.deps.calendar.cancelEvent(eventId, 'Cancelled: this appointment has no booking in Strategy Desk.');
    return true;
  }
}

/** A job's id field, or an error naming the field (never its value). */
function idIn(data: JobData, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value === '') throw new Error(`job data has no ${field}`);
  return value;
}
