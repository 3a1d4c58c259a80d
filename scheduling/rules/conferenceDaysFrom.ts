import { isWorkingDay } from './isWorkingDay.js';
import { addDays, isoWeekday } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { Rota } from '../model/Rota.js';

/**
 * The days to try for a conference slot, in order: from `first` (inclusive) to `first` plus
 * `rota.searchDays` calendar days (inclusive), every day on one of the rota's conference weekdays
 * that is a working day. So a bank-holiday Monday is passed over for the Wednesday.
 * Rule: DOMAIN.md "Strategy discussion on the rota" (if the rota's day is not a working day, or
 * is full, use the next Mon/Wed/Fri working day that has room).
 * @example
 * conferenceDaysFrom('2026-04-06', northamptonshire, bankHolidays).slice(0, 2)
 * //=> ['2026-04-08', '2026-04-10'] (Easter Monday passed over: Wednesday, Friday)
 */
export function conferenceDaysFrom(first: PlainDate, rota: Rota, nonWorking: ReadonlySet<PlainDate>): PlainDate[] {
  const days: PlainDate[] = [];
  for (let i = 0; i <= rota.searchDays; i++) {
    const day = addDays(first, i);
    if (rota.conferenceWeekdays.includes(isoWeekday(day)) && isWorkingDay(day, nonWorking)) days.push(day);
  }
  return days;
}
