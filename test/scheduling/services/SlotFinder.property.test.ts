import Holidays from 'date-holidays';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonDateOf, londonInstant, londonMinutesOf } from '../../../scheduling/rules/londonTime.js';
import { addDays, isoWeekday } from '../../../scheduling/rules/PlainDate.js';
import type { PlainDate } from '../../../scheduling/model/PlainDate.js';
import type { Interval } from '../../../scheduling/model/Interval.js';
import { openTestDesk, type TestDesk } from '../../fakes/testDesk.js';

// Independent of the rules under test: bank holidays straight from the package.
const holidays = new Set(
  [2026, 2027, 2028, 2029].flatMap((y) => new Holidays('GB', 'ENG').getHolidays(y).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10))),
);
const isConferenceWorkingDay = (d: PlainDate) => [1, 3, 5].includes(isoWeekday(d)) && !holidays.has(d);

let t: TestDesk;
const events: Interval[] = [];

beforeAll(async () => {
  t = await openTestDesk('2026-01-01T00:00:00Z');
  // A busy shared calendar: hand-made events of 5-45 minutes scattered over conference windows.
  const rand = fc.sample(fc.tuple(fc.integer({ min: 0, max: 365 * 3 }), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 })), { numRuns: 900, seed: 20261123 });
  for (const [dayOffset, fiveMinute, length] of rand) {
    const day = addDays('2026-01-01', dayOffset);
    if (![1, 3, 5].includes(isoWeekday(day))) continue;
    const start = new Date(londonInstant(day, '10:00').getTime() + fiveMinute * 5 * 60_000);
    const event = { start, end: new Date(start.getTime() + length * 5 * 60_000) };
    events.push(event);
    await t.calendar.addHandMadeEvent({ subject: 'Busy', ...event });
  }
}, 120_000);
afterAll(() => t.desk.close());

describe('SlotFinder (property)', () => {
  it('for 1,000 random referrals in 2026-2028 finds a rota slot with no earlier free one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-15T00:00:00Z'), noInvalidDate: true }), async (referredAt) => {
        const now = referredAt; // as of the referral itself
        const plan = t.desk.finder.plan(referredAt, now);
        const found = await t.desk.finder.firstFree({ days: plan.days, cells: 1, now });
        expect(found).toBeDefined();
        const { day, slot } = found!;
        expect(londonDateOf(slot.start)).toBe(day);
        expect(isConferenceWorkingDay(day)).toBe(true);
        expect(londonMinutesOf(slot.start)).toBeGreaterThanOrEqual(10 * 60);
        expect(londonMinutesOf(slot.end)).toBeLessThanOrEqual(11 * 60 + 30);
        expect(slot.end.getTime() - slot.start.getTime()).toBe(15 * 60_000);
        expect(day >= plan.rotaDay).toBe(true);
        expect(day > londonDateOf(referredAt)).toBe(true);
        expect(events.some((e) => e.start < slot.end && slot.start < e.end)).toBe(false);
        // Brute force: every earlier rota cell from the rota day on was taken or had started.
        for (let d = plan.rotaDay; d <= day; d = addDays(d, 1)) {
          if (!isConferenceWorkingDay(d)) continue;
          for (let m = 0; m < 90; m += 15) {
            const start = new Date(londonInstant(d, '10:00').getTime() + m * 60_000);
            if (start >= slot.start || start < now) continue;
            const end = new Date(start.getTime() + 15 * 60_000);
            expect(events.some((e) => e.start < end && start < e.end)).toBe(true);
          }
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
  }, 300_000);
});
