/** A span of time between two instants, start inclusive, end exclusive. */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** A bookable conference slot: one or more consecutive rota cells. */
export type Slot = Interval;

/**
 * Whether two intervals share any moment (touching ends do not overlap).
 * @example
 * overlaps({start: t('10:00'), end: t('10:15')}, {start: t('10:15'), end: t('10:30')}) //=> false
 */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}
