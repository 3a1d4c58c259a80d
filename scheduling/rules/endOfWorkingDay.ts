import { londonInstant } from './londonTime.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * The instant a clock due "by" a day runs out: 17:00 UK time that day, the end of its working
 * hours (a product choice: the seeds give days, not times). Past it the task is overdue.
 * Rule: DOMAIN.md "Clocks the product keeps" (s47 outcome by day 3, conference within 15 working
 * days, each action's completion date).
 * @example
 * endOfWorkingDay('2026-12-02') //=> 2026-12-02T17:00:00.000Z (GMT)
 * endOfWorkingDay('2026-06-03') //=> 2026-06-03T16:00:00.000Z (17:00 BST)
 */
export function endOfWorkingDay(day: PlainDate): Date {
  return londonInstant(day, '17:00');
}
