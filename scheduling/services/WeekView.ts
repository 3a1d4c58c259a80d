import type { PlainDate } from '../model/PlainDate.js';
import type { Rota } from '../model/Rota.js';
import type { Calendar } from '../ports/Calendar.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { overlaps } from '../rules/Interval.js';
import { londonInstant } from '../rules/londonTime.js';
import { addDays, isoWeekday } from '../rules/PlainDate.js';
import { slotGrid } from '../rules/slotGrid.js';

/** One conference slot of a week as the shared calendar and the ledger show it. */
export type WeekSlot =
  | { readonly day: PlainDate; readonly start: Date; readonly end: Date; readonly status: 'free' | 'taken by hand' }
  | { readonly day: PlainDate; readonly start: Date; readonly end: Date; readonly status: 'reserved' | 'booked'; readonly nNumbers: readonly string[] }
  | { readonly day: PlainDate; readonly status: 'not a working day' };

/**
 * A week's conference slots, free or taken (by our bookings, named by N number, or by events
 * people typed into the calendar): what the CLI prints and a later week page shows.
 * Rule: DOMAIN.md "Strategy discussion on the rota".
 */
export class WeekView {
  constructor(
    private readonly deps: {
      requests: RequestStore;
      slots: SlotLedger;
      calendar: Calendar;
      rota: Rota;
      nonWorking: ReadonlySet<PlainDate>;
      calendarId: string;
    },
  ) {}

  /**
   * The conference days of the week holding `day` (Monday to Sunday), slot by slot.
   * @example
   * await weekView.slotsOfWeek('2026-11-25') // Monday 23 to Sunday 29 November 2026
   * //=> [{ day: '2026-11-23', start, end, status: 'free' }, ...]
   */
  async slotsOfWeek(day: PlainDate): Promise<readonly WeekSlot[]> {
    const { requests, slots, calendar, rota, nonWorking, calendarId } = this.deps;
    const monday = addDays(day, 1 - isoWeekday(day));
    const rows: WeekSlot[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (!rota.conferenceWeekdays.includes(isoWeekday(date))) continue;
      if (nonWorking.has(date)) {
        rows.push({ day: date, status: 'not a working day' });
        continue;
      }
      const grid = slotGrid(date, rota);
      const from = londonInstant(date, '00:00');
      const to = londonInstant(addDays(date, 1), '00:00');
      const bookings = (await slots.bookingsBetween(calendarId, from, to)).filter((b) => b.status !== 'cancelled');
      const events = await calendar.busyBetween(grid[0]!.start, grid[grid.length - 1]!.end);
      for (const cell of grid) {
        const ours = bookings.find((b) => overlaps(b, cell));
        if (ours && ours.status !== 'cancelled') {
          const nNumbers = (await requests.getRequest(ours.requestId))?.nNumbers ?? [];
          rows.push({ day: date, start: cell.start, end: cell.end, status: ours.status, nNumbers });
          continue;
        }
        const byHand = events.some((e) => !e.bookingId && overlaps(e, cell));
        rows.push({ day: date, start: cell.start, end: cell.end, status: byHand ? 'taken by hand' : 'free' });
      }
    }
    return rows;
  }
}
