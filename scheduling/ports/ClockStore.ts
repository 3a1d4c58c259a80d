import type { Actor } from '../model/Actor.js';
import type { ClockId, Deadline, StatutoryClock } from '../model/StatutoryClock.js';

/**
 * The statutory clocks of each case (scheduling/model/StatutoryClock.ts): started, reminded,
 * overdue, stopped. Adapter: `SqlClockStore` (PGlite or PostgreSQL); contract:
 * test/contracts/clockStoreContract.ts. Starting and stopping are audited on the request.
 */
export interface ClockStore {
  /**
   * Starts a clock; a clock of that id already kept (running or stopped) stays as it is and is
   * returned with `started: false` (a retried command starts nothing twice).
   */
  startClock(clock: Omit<StatutoryClock, 'state' | 'stoppedAt' | 'remindedAt' | 'overdueAt'>, actor: Actor): Promise<{ clock: StatutoryClock; started: boolean }>;
  getClock(id: ClockId): Promise<StatutoryClock | undefined>;
  /** Stops a running clock (a stopped one stays as it was); undefined when there is none. */
  stopClock(id: ClockId, at: Date, actor: Actor): Promise<StatutoryClock | undefined>;
  /** Stamps the reminder (`reminded`) or the overdue notice (`overdue`) as sent; the first stamp stands. */
  markNoticeSent(id: ClockId, notice: 'reminded' | 'overdue', at: Date): Promise<void>;
  /** The running clocks the user is reminded about, soonest due first, with their cases' N numbers. */
  runningClocksOf(ownerId: string): Promise<readonly Deadline[]>;
}
