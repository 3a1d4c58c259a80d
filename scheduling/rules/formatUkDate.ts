import type { PlainDate } from '../model/PlainDate.js';
import { isPlainDate, isoWeekday } from './PlainDate.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(day: PlainDate): [number, number, number] {
  if (!isPlainDate(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return day.split('-').map(Number) as [number, number, number];
}

/**
 * A UK calendar day as people in the UK write it: `dd/mm/yyyy` (en-GB), for dates of birth and
 * completion dates in the record.
 * @example
 * formatUkDate('2026-03-04') //=> '04/03/2026'
 */
export function formatUkDate(day: PlainDate): string {
  const [y, m, d] = parts(day);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/**
 * A UK calendar day in words: weekday, day, month and year.
 * @example
 * formatUkDateInWords('2026-11-25') //=> 'Wednesday 25 November 2026'
 */
export function formatUkDateInWords(day: PlainDate): string {
  const [y, m, d] = parts(day);
  return `${WEEKDAYS[isoWeekday(day) - 1]} ${d} ${MONTHS[m - 1]} ${y}`;
}
