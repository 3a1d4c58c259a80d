import type { Clock } from '../../scheduling/ports/Clock.js';

/** A clock a test sets and moves by hand. */
export class ManualClock implements Clock {
  private at: Date;
  constructor(start: Date | string) {
    this.at = new Date(start);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
