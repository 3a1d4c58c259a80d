import type { Calendar } from '../ports/Calendar.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor, Store } from '../ports/Store.js';
import type { RotaBookingService } from './RotaBookingService.js';

export interface ReconcileReport {
  /** Reservations whose event was created (or found, via its transactionId) and recorded. */
  readonly finished: readonly string[];
  /** Reservations for slots that had already started: freed and booked again from now. */
  readonly rebooked: readonly string[];
  /** Our events whose booking is cancelled: cancelled in the calendar. */
  readonly orphanEventsCancelled: readonly string[];
  /** Reservations that could not be finished this time (left for the next run). */
  readonly failed: readonly string[];
}

const system: Actor = { id: 'system:reconciler', name: 'Strategy Desk reconciler' };

/**
 * Makes the store and the calendar agree after a crash or a failed call: no reservation without
 * an event, no event of ours without a live booking. Runs at start-up and on a timer.
 */
export class Reconciler {
  constructor(
    private readonly deps: {
      store: Store;
      calendar: Calendar;
      clock: Clock;
      booking: RotaBookingService;
      calendarId: string;
      /** A reservation younger than this may still be in flight in another process. */
      reservationTimeoutSeconds: number;
    },
  ) {}

  async run(horizon: { days: number } = { days: 60 }): Promise<ReconcileReport> {
    const { store, calendar, clock, booking, calendarId, reservationTimeoutSeconds } = this.deps;
    const now = clock.now();
    const finished: string[] = [];
    const rebooked: string[] = [];
    const failed: string[] = [];
    for (const stale of await store.reservationsBefore(new Date(now.getTime() - reservationTimeoutSeconds * 1000))) {
      try {
        const request = await store.getRequest(stale.requestId);
        if (!request) continue;
        if (stale.start.getTime() <= now.getTime()) {
          await store.cancelBooking(stale.id, system, now, 'slot passed before its event was created');
          await booking.book(request, system);
          rebooked.push(stale.id);
        } else {
          await booking.finish(stale, request, system);
          finished.push(stale.id);
        }
      } catch {
        failed.push(stale.id);
      }
    }
    const orphanEventsCancelled: string[] = [];
    const until = new Date(now.getTime() + horizon.days * 86_400_000);
    const live = new Set((await store.bookingsBetween(calendarId, now, until)).filter((b) => b.status !== 'cancelled').map((b) => b.id));
    for (const event of await calendar.busyBetween(now, until)) {
      if (event.bookingId && !live.has(event.bookingId)) {
        const known = await store.getBooking(event.bookingId);
        // A booking reserved moments ago in another process may not have its event recorded yet.
        if (known && known.status !== 'cancelled') continue;
        await calendar.cancelEvent(event.id, 'Cancelled: this appointment has no booking in Strategy Desk.');
        orphanEventsCancelled.push(event.id);
      }
    }
    return { finished, rebooked, orphanEventsCancelled, failed };
  }
}
