import type { MailLedger } from '../ports/MailLedger.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Calendar } from '../ports/Calendar.js';
import type { CalendarEntry } from '../model/ConferenceEvent.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor } from '../model/Actor.js';
import type { RotaBookingService } from './RotaBookingService.js';
import type { UrgentRouteService } from './UrgentRouteService.js';

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

/**
 * Makes the store and the calendar agree after a crash or a failed call: no reservation without
 * an event, no event of ours without a live booking. Runs at start-up and on a timer.
 */
export class Reconciler {
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
    },
  ) {}

  async run(horizon: { days: number } = { days: 60 }): Promise<ReconcileReport> {
    const { mailLedger, requests, slots, calendar, clock, booking, urgent, calendarId, reservationTimeoutSeconds } = this.deps;
    const now = clock.now();
    const settled = new Date(now.getTime() - reservationTimeoutSeconds * 1000);
    const finished: string[] = [];
    const rebooked: string[] = [];
    const failed: string[] = [];
    for (const stale of await slots.reservationsBefore(settled)) {
      try {
        const request = await requests.getRequest(stale.requestId);
        if (!request) continue;
        if (stale.start.getTime() <= now.getTime()) {
          await booking.replacePassed(stale, request, system);
          rebooked.push(stale.id);
        } else {
          await booking.finish(stale, request, system);
          finished.push(stale.id);
        }
      } catch {
        failed.push(stale.id);
      }
    }
    const urgentSent: string[] = [];
    for (const request of await requests.urgentRequestsUnsent(settled)) {
      try {
        const { email } = await urgent.send(request, system);
        if (email === 'sent') urgentSent.push(request.id);
        // Pending again (being sent elsewhere, or failed): left for the next run. Held ones are listed below.
        else if (email === 'pending') failed.push(request.id);
      } catch {
        failed.push(request.id);
      }
    }
    const orphanEventsCancelled: string[] = [];
    const until = new Date(now.getTime() + horizon.days * 86_400_000);
    const liveBookings = (await slots.bookingsBetween(calendarId, now, until)).filter((b) => b.status !== 'cancelled');
    const mailsSent: string[] = [];
    for (const live of liveBookings.filter((b) => b.status === 'booked' && b.updatedAt < settled)) {
      try {
        const request = await requests.getRequest(live.requestId);
        if (!request) continue;
        const sent = await booking.sendPoliceEmail(live, request);
        if (sent.sentNow) mailsSent.push(live.id);
        else if (sent.state === 'pending') failed.push(live.id);
      } catch {
        failed.push(live.id);
      }
    }
    const live = new Set(liveBookings.map((b) => b.id));
    // Each event on its own: one the calendar refuses to cancel is listed and left for the next run.
    let ours: readonly CalendarEntry[] = [];
    try {
      ours = await calendar.busyBetween(now, until);
    } catch {
      failed.push(calendarUnread); // the sweep waits for the next run; the report is still given
    }
    for (const event of ours) {
      if (!event.bookingId || live.has(event.bookingId)) continue;
      try {
        const known = await slots.getBooking(event.bookingId);
        // A booking reserved moments ago in another process may not have its event recorded yet.
        if (known && known.status !== 'cancelled') continue;
        await calendar.cancelEvent(event.id, 'Cancelled: this appointment has no booking in Strategy Desk.');
        orphanEventsCancelled.push(event.id);
      } catch {
        failed.push(event.id);
      }
    }
    const needsChecking = (await mailLedger.mailsNeedingChecking()).map((m) => m.key);
    return { finished, rebooked, orphanEventsCancelled, mailsSent, urgentSent, needsChecking, failed };
  }
}
