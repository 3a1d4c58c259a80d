import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as now from '../../../scheduling/rules/londonTime.js';
import * as before from './londonTimeBefore.js';

// The UK clock changes by law (Summer Time Order 2002): forward at 01:00 UTC on the last Sunday of
// March, back at 01:00 UTC on the last Sunday of October. Written out here, not taken from a zone
// database, so the generators below aim at them whatever the code under test believes.
const HOUR = 3_600_000;
const years = { from: 2020, to: 2040 };
function lastSundayAt0100Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}
const clockChanges = Array.from({ length: years.to - years.from + 1 }, (_, i) => years.from + i).flatMap((y) => [
  lastSundayAt0100Utc(y, 2), // forward
  lastSundayAt0100Utc(y, 9), // back
]);
const changeDays = clockChanges.map((t) => new Date(t).toISOString().slice(0, 10));

/** Any instant 2020-2040, half of them within three hours of a clock change, to the millisecond. */
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(years.from, 0, 1), max: Date.UTC(years.to + 1, 0, 1) - 1 }),
  fc.tuple(fc.constantFrom(...clockChanges), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([t, d]) => t + d),
).map((t) => new Date(t));

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** A wall time as the rules write it: HH:mm, HH:mm:ss or HH:mm:ss.SSS; half of them 00:00-02:59. */
const wallTimes = fc
  .tuple(fc.oneof(two(23), two(2)), two(59), two(59), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 2 }))
  .map(([h, m, s, ms, precision]) => [`${h}:${m}`, `${h}:${m}:${s}`, `${h}:${m}:${s}.${String(ms).padStart(3, '0')}`][precision]!);
/** A UK day 2020-2040, half of them a clock-change Sunday. */
const days = fc.oneof(
  fc.integer({ min: Date.UTC(years.from, 0, 1) / 86_400_000, max: Date.UTC(years.to, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  fc.constantFrom(...changeDays),
);

describe('UK local time on @date-fns/tz agrees with the hand-written version it replaces', () => {
  it('reads 100,000 instants 2020-2040 the same: UK day, wall time, minutes past midnight, ISO with offset', () => {
    fc.assert(
      fc.property(instants, (t) => {
        expect(now.londonDateOf(t)).toBe(before.londonDateOf(t));
        expect(now.londonWallTimeOf(t)).toBe(before.londonWallTimeOf(t));
        expect(now.londonMinutesOf(t)).toBe(before.londonMinutesOf(t));
        expect(now.formatLondonIso(t)).toBe(before.formatLondonIso(t));
      }),
      { numRuns: 100_000 },
    );
  });

  it('turns 100,000 UK days and wall times 2020-2040 into the same instants, skipped and repeated hours included', () => {
    fc.assert(
      fc.property(days, wallTimes, (day, time) => {
        expect(now.londonInstant(day, time).getTime()).toBe(before.londonInstant(day, time).getTime());
        expect(now.parseInstant(`${day}T${time}`)?.getTime()).toBe(before.parseInstant(`${day}T${time}`)?.getTime());
      }),
      { numRuns: 100_000 },
    );
  });

  it('turns every minute of every clock-change Sunday 2020-2040 into the same instant', () => {
    for (const day of changeDays) {
      for (let minute = 0; minute < 24 * 60; minute++) {
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const [a, b] = [now.londonInstant(day, time).getTime(), before.londonInstant(day, time).getTime()];
        if (a !== b) expect(`${day} ${time}: ${new Date(a).toISOString()}`).toBe(`${day} ${time}: ${new Date(b).toISOString()}`);
      }
    }
  });
});
