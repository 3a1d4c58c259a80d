import Holidays from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conferenceDayFor } from '../../../scheduling/rules/conferenceDayFor.js';
import { conferenceDaysFrom } from '../../../scheduling/rules/conferenceDaysFrom.js';
import { firstFreeSlot } from '../../../scheduling/rules/firstFreeSlot.js';
import { overlaps } from '../../../scheduling/rules/Interval.js';
import type { Interval } from '../../../scheduling/model/Interval.js';
import { londonDateOf, londonInstant, londonMinutesOf } from '../../../scheduling/rules/londonTime.js';
import { addDays, isoWeekday } from '../../../scheduling/rules/PlainDate.js';
import type { PlainDate } from '../../../scheduling/model/PlainDate.js';
import { receivedWorkingDay } from '../../../scheduling/rules/receivedWorkingDay.js';
import { slotGrid } from '../../../scheduling/rules/slotGrid.js';
import { bankHolidays, northamptonshire as rota, ukOffsetHours } from './northamptonshire.js';

// Oracles that do not go through the rules under test: bank holidays straight from the package,
// the UK day and clock from the summer-time law.
const holidays = new Set(
  [2026, 2027, 2028, 2029].flatMap((y) => new Holidays('GB', 'ENG').getHolidays(y).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10))),
);
const working = (d: PlainDate) => isoWeekday(d) <= 5 && !holidays.has(d);
const ukWall = (t: Date) => new Date(t.getTime() + ukOffsetHours(t) * 3_600_000);
const ukDay = (t: Date) => ukWall(t).toISOString().slice(0, 10);
const ukMinutes = (t: Date) => (ukWall(t).getTime() % 86_400_000) / 60_000;

const referrals = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true });

describe('the rota rules (property)', () => {
  it('for 1,000 random referrals in 2026-2028: a working received day, a rota weekday after it, a Mon/Wed/Fri working day, cells in 10:00-11:30', () => {
    fc.assert(
      fc.property(referrals, (referredAt) => {
        const received = receivedWorkingDay(referredAt, rota, bankHolidays);
        const referralDay = ukDay(referredAt);
        expect(working(received)).toBe(true);
        expect(received >= referralDay).toBe(true);
        // It is the referral's own day exactly when that is a working day before 16:00 UK time.
        expect(received === referralDay).toBe(working(referralDay) && ukMinutes(referredAt) < 16 * 60);
        // And no working day is passed over on the way.
        for (let d = addDays(referralDay, 1); d < received; d = addDays(d, 1)) expect(working(d)).toBe(false);

        const rotaDay = conferenceDayFor(received, rota);
        expect([1, 3, 5]).toContain(isoWeekday(rotaDay));
        expect(rotaDay > received && rotaDay <= addDays(received, 7)).toBe(true);

        const first = conferenceDaysFrom(rotaDay, rota, bankHolidays)[0]!;
        expect([1, 3, 5]).toContain(isoWeekday(first));
        expect(working(first)).toBe(true);
        expect(first >= rotaDay).toBe(true);
        for (let d = rotaDay; d < first; d = addDays(d, 1)) expect([1, 3, 5].includes(isoWeekday(d)) && working(d)).toBe(false);

        const grid = slotGrid(first, rota);
        expect(grid).toHaveLength(6);
        for (const cell of grid) {
          expect(ukDay(cell.start)).toBe(first);
          expect(ukMinutes(cell.start)).toBeGreaterThanOrEqual(10 * 60);
          expect(ukMinutes(cell.end)).toBeLessThanOrEqual(11 * 60 + 30);
          expect(londonMinutesOf(cell.start)).toBe(ukMinutes(cell.start));
          expect(cell.end.getTime() - cell.start.getTime()).toBe(15 * 60_000);
        }
      }),
      { numRuns: 1000, seed: 20261125 },
    );
  });

  it('for random busy calendars, firstFreeSlot gives a free slot with no earlier free one (brute force)', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2026-01-01', n));
    // Minutes relative to 10:00 UK time on the day: events and "now" from 09:30 to 12:00.
    const event = fc.tuple(fc.integer({ min: -30, max: 119 }), fc.integer({ min: 1, max: 60 }));
    fc.assert(
      fc.property(day, fc.array(event, { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -30, max: 120 }), (d, events, cells, nowMinute) => {
        const ten = londonInstant(d, '10:00').getTime();
        const minute = (m: number) => new Date(ten + m * 60_000);
        const busy: Interval[] = events.map(([from, length]) => ({ start: minute(from), end: minute(from + length) }));
        const now = minute(nowMinute);
        const slot = firstFreeSlot(slotGrid(d, rota), busy, cells, now);

        // Brute force over every quarter-hour start in the 90-minute window, as a whole interval.
        const qualifies = (startMinute: number) => {
          const candidate = { start: minute(startMinute), end: minute(startMinute + 15 * cells) };
          return startMinute + 15 * cells <= 90 && candidate.start >= now && !busy.some((b) => overlaps(candidate, b));
        };
        const expected = [0, 15, 30, 45, 60, 75].find(qualifies);
        if (expected === undefined) {
          expect(slot).toBeUndefined();
        } else {
          expect(slot).toEqual({ start: minute(expected), end: minute(expected + 15 * cells) });
          expect(busy.some((b) => overlaps(slot!, b))).toBe(false);
          expect(slot!.start.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(londonDateOf(slot!.start)).toBe(d);
        }
      }),
      { numRuns: 1000, seed: 42 },
    );
  });
});
