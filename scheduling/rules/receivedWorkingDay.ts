import { isWorkingDay } from './isWorkingDay.js';
import { londonDateOf, londonMinutesOf, minutesOfClock } from './londonTime.js';
import { nextWorkingDay } from './nextWorkingDay.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { Rota } from '../model/Rota.js';

/**
 * The working day a referral counts as received: its UK day, if that is a working day and the
 * UK time is before the rota's cut-off; otherwise the next working day. At the cut-off itself
 * (16:00:00.000) is after it; a millisecond before is not.
 * Rule: DOMAIN.md "Strategy discussion on the rota" (our reading of the edge cases).
 * @param nonWorking bank holidays and closure days.
 * @example
 * receivedWorkingDay(new Date('2026-11-24T15:59:59Z'), northamptonshire, bankHolidays) //=> '2026-11-24' (Tuesday)
 * receivedWorkingDay(new Date('2026-11-24T16:00:00Z'), northamptonshire, bankHolidays) //=> '2026-11-25' (Wednesday)
 */
export function receivedWorkingDay(referredAt: Date, rota: Rota, nonWorking: ReadonlySet<PlainDate>): PlainDate {
  const day = londonDateOf(referredAt);
  const beforeCutOff = londonMinutesOf(referredAt) < minutesOfClock(rota.cutOff);
  return isWorkingDay(day, nonWorking) && beforeCutOff ? day : nextWorkingDay(day, nonWorking);
}
