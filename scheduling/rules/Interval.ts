import type { Interval } from '../model/Interval.js';

/**
 * Whether two intervals share any moment (touching ends do not overlap).
 * @example
 * overlaps({start: t('10:00'), end: t('10:15')}, {start: t('10:15'), end: t('10:30')}) //=> false
 */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}
