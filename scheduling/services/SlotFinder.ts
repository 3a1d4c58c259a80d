import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Calendar } from '../ports/Calendar.js';
import { conferenceDayFor } from '../rules/conferenceDayFor.js';
import { conferenceDaysFrom } from '../rules/conferenceDaysFrom.js';
import { firstFreeSlot } from '../rules/firstFreeSlot.js';
import type { Interval, Slot } from '../model/Interval.js';
import { londonDateOf, londonInstant } from '../rules/londonTime.js';
import { addDays } from '../rules/PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';
import { receivedWorkingDay } from '../rules/receivedWorkingDay.js';
import type { Rota } from '../model/Rota.js';
import { slotGrid } from '../rules/slotGrid.js';

/** Where a referral lands on the rota before anything is looked up. */
export interface RotaPlan {
  /** The working day the referral counts as received. */
  readonly referralDay: PlainDate;
  /** The day the rota gives for it. */
  readonly rotaDay: PlainDate;
  /** Conference days to try, in order: from the rota day (or today, if later), working days only. */
  readonly days: readonly PlainDate[];
}

export interface FoundSlot {
  readonly day: PlainDate;
  readonly slot: Slot;
}

export interface SlotSearch {
  readonly days: readonly PlainDate[];
  /** 1 for a standard slot, more for a longer one. */
  readonly cells: number;
  readonly now: Date;
  /** A booking being moved: its own cells and event do not count as busy. */
  readonly ignoreBooking?: { readonly id: string } & Interval;
  /** Cells lost to another booking in this attempt (only the cells it holds, not the whole slot tried). */
  readonly lost?: readonly Interval[];
  /** Calendar reads of this attempt, by day, so a lost race costs no extra Graph round trip. */
  readonly calendarReads?: Map<PlainDate, readonly Interval[]>;
}

export interface SlotFinderDeps {
  readonly slots: SlotLedger;
  readonly calendar: Calendar;
  readonly rota: Rota;
  readonly nonWorking: ReadonlySet<PlainDate>;
  readonly calendarId: string;
}

/**
 * Finds the earliest free slot for a referral: the rota gives the day, the store's held cells and
 * the shared calendar (the source of truth, hand-made events included) say what is taken.
 * Rule: DOMAIN.md "Strategy discussion on the rota".
 */
export class SlotFinder {
  constructor(private readonly deps: SlotFinderDeps) {}

  /** The rota's answer for a referral, as of `now`: which days to look at. */
  plan(referredAt: Date, now: Date): RotaPlan {
    const { rota, nonWorking } = this.deps;
    const referralDay = receivedWorkingDay(referredAt, rota, nonWorking);
    const rotaDay = conferenceDayFor(referralDay, rota);
    const today = londonDateOf(now);
    const first = today > rotaDay ? today : rotaDay;
    return { referralDay, rotaDay, days: conferenceDaysFrom(first, rota, nonWorking) };
  }

  /** Cells of one slot length for this rota. */
  cellsFor(longer: boolean): number {
    const { rota } = this.deps;
    return longer ? rota.longerSlotMinutes / rota.slotMinutes : 1;
  }

  /**
   * The earliest free slot on the given days. Reads the store first and the calendar only for a
   * day the store says has room, so a booking costs one calendar read in the usual case.
   */
  async firstFree(search: SlotSearch): Promise<FoundSlot | undefined> {
    const { slots, calendar, rota, calendarId } = this.deps;
    const ignore = search.ignoreBooking;
    const notOwn = (cell: Interval) => !ignore || cell.start < ignore.start || cell.end > ignore.end;
    for (const day of search.days) {
      const grid = slotGrid(day, rota);
      const from = londonInstant(day, '00:00');
      const to = londonInstant(addDays(day, 1), '00:00');
      const held = (await slots.heldCells(calendarId, from, to)).filter(notOwn);
      const known = [...held, ...(search.lost ?? [])];
      if (!firstFreeSlot(grid, known, search.cells, search.now)) continue;
      let busy = search.calendarReads?.get(day);
      if (!busy) {
        const events = await calendar.busyBetween(grid[0]!.start, grid[grid.length - 1]!.end);
        busy = events.filter((e) => !ignore || e.bookingId !== ignore.id);
        search.calendarReads?.set(day, busy);
      }
      const slot = firstFreeSlot(grid, [...known, ...busy], search.cells, search.now);
      if (slot) return { day, slot };
    }
    return undefined;
  }
}
