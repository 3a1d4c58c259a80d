import type { Actor } from '../model/Actor.js';
import type { Clock } from '../ports/Clock.js';
import type { ClockStore } from '../ports/ClockStore.js';
import type { JobHandlers, Jobs } from '../ports/Jobs.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { ClockService } from './ClockService.js';
import { Sweep } from './Sweep.js';

const system: Actor = { id: 'system:held-discussions', name: 'Strategy Desk' };

export const heldJobs = { sweep: 'discussion.heldSweep', held: 'discussion.held' } as const;

/** How far back a sweep looks for slots that passed (a bot down for a long weekend still catches up). */
const lookBackMs = 7 * 24 * 3_600_000;

export interface HeldDiscussionsDeps {
  readonly slots: SlotLedger;
  readonly requests: RequestStore;
  readonly clocks: ClockStore;
  readonly clockService: ClockService;
  readonly jobs: Jobs;
  readonly clock: Clock;
  readonly everySeconds: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Starts the record clock when a booked discussion's slot has begun (DOMAIN.md "Clocks the
 * product keeps": the record is due 24 hours after the discussion is held in Northamptonshire,
 * working days elsewhere). A recurring sweep finds booked slots that started in the last week
 * and have no record clock yet, and schedules one job per booking; the job re-reads the booking
 * (still booked, same start: a slot moved or cancelled since is left alone) and starts the clock
 * from the slot's start. Whatever moved the booking (rebook, a longer slot, a hand edit in
 * Outlook), the clock follows the slot that was actually held.
 */
export class HeldDiscussions {
  private readonly sweeper: Sweep;

  constructor(private readonly deps: HeldDiscussionsDeps) {
    this.sweeper = new Sweep(deps, heldJobs.sweep, deps.everySeconds, async () => void (await this.sweep()), deps.onError);
  }

  /** The bot, at start: one sweep now, then every `everySeconds`. */
  startSweeping(): Promise<void> {
    return this.sweeper.start();
  }

  handlers(): JobHandlers {
    return {
      ...this.sweeper.handlers(),
      [heldJobs.held]: async (data) => {
        const bookingId = String(data.bookingId ?? '');
        if (!bookingId) throw new Error(`${heldJobs.held}: no booking id`);
        await this.held(bookingId, Number(data.start));
      },
    };
  }

  /** Schedules one job per booked slot that has begun (within the last week) without a record clock. */
  async sweep(): Promise<number> {
    const { slots, clocks, jobs, clock } = this.deps;
    const now = clock.now().getTime();
    const passed = (await slots.listBookings({ statuses: ['booked'], from: new Date(now - lookBackMs) })).filter(({ booking }) => booking.start.getTime() <= now);
    let scheduled = 0;
    for (const { booking, request } of passed) {
      if (await clocks.getClock({ requestId: request.id, kind: 'minutes', subject: '' })) continue;
      await jobs.schedule(heldJobs.held, { bookingId: booking.id, start: booking.start.getTime() }, { key: booking.id });
      scheduled++;
    }
    return scheduled;
  }

  private async held(bookingId: string, start: number): Promise<void> {
    const { slots, requests, clockService } = this.deps;
    const found = await slots.getBooking(bookingId);
    if (!found || found.status !== 'booked' || found.start.getTime() !== start) return;
    const request = await requests.getRequest(found.requestId);
    if (!request) throw new Error(`${heldJobs.held}: booking ${bookingId} has no request`);
    await clockService.discussionHeldAsSeen(request, found.start, system);
  }
}
