import { addDays, isoWeekday } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { Rota } from '../model/Rota.js';

/**
 * The day a referral is discussed, given the working day it counts as received: the next day
 * (strictly after) on the weekday the rota maps the received weekday to. Northamptonshire:
 * Monday or Tuesday -> Wednesday; Wednesday or Thursday -> Friday; Friday -> the next Monday.
 * Whether that day is a working day is `conferenceDaysFrom`'s concern.
 * Rule: DOMAIN.md "Strategy discussion on the rota"; the weekday map is rota data, per area.
 * @example
 * conferenceDayFor('2026-11-27', northamptonshire) //=> '2026-11-30' (Friday -> Monday)
 */
export function conferenceDayFor(receivedOn: PlainDate, rota: Rota): PlainDate {
  const from = isoWeekday(receivedOn); // 1 = Monday ... 7 = Sunday
  const to = rota.discussedOn[String(from)];
  if (to === undefined) throw new RangeError(`the ${rota.area} rota has no conference day for referrals received on ISO weekday ${from}`);
  return addDays(receivedOn, (to - from + 7) % 7 || 7);
}
