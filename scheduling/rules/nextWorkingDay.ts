import { isWorkingDay } from './isWorkingDay.js';
import { addDays } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * The first working day strictly after `day`.
 * Rule: DOMAIN.md "Strategy discussion on the rota" (a late, weekend or bank holiday referral
 * counts as received on the next working day).
 * @example
 * nextWorkingDay('2026-04-02', bankHolidays) //=> '2026-04-07' (Thursday -> Tuesday after Easter)
 */
export function nextWorkingDay(day: PlainDate, nonWorking: ReadonlySet<PlainDate>): PlainDate {
  let next = addDays(day, 1);
  while (!isWorkingDay(next, nonWorking)) next = addDays(next, 1);
  return next;
}
