/** A span of time between two instants, start inclusive, end exclusive. */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** A bookable conference slot: one or more consecutive rota cells. */
export type Slot = Interval;
