import { addWorkingDays } from './addWorkingDays.js';
import { londonDateOf, londonInstant, londonWallTimeOf } from './londonTime.js';
import type { PlainDate } from '../model/PlainDate.js';

/** How long the record of a strategy discussion may take: per area (configuration `MINUTES_DUE`). */
export type MinutesRule = { kind: 'hours'; hours: number } | { kind: 'workingDays'; days: number };

/**
 * When the record (minutes) of a discussion must be circulated to all participants: `hours`
 * elapsed hours after it was held (Northamptonshire: 24), or the same UK wall-clock time
 * `days` working days later ("1 working day" elsewhere; held on a non-working day, the first
 * working day after counts as day 1).
 * Rule: DOMAIN.md "Clocks the product keeps".
 * @example
 * minutesDue(new Date('2026-11-27T10:15:00Z'), { kind: 'hours', hours: 24 }, bankHolidays) //=> 2026-11-28T10:15:00.000Z
 * minutesDue(new Date('2026-11-27T10:15:00Z'), { kind: 'workingDays', days: 1 }, bankHolidays) //=> 2026-11-30T10:15:00.000Z
 */
export function minutesDue(heldAt: Date, rule: MinutesRule, nonWorking: ReadonlySet<PlainDate>): Date {
  if (rule.kind === 'hours') {
    if (!(rule.hours > 0) || !Number.isFinite(rule.hours)) throw new RangeError(`not a number of hours: ${rule.hours}`);
    return new Date(heldAt.getTime() + rule.hours * 3_600_000);
  }
  if (!Number.isInteger(rule.days) || rule.days < 1) throw new RangeError(`not a number of working days: ${rule.days}`);
  return londonInstant(addWorkingDays(londonDateOf(heldAt), rule.days, nonWorking), londonWallTimeOf(heldAt));
}
