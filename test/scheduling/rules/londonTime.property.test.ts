import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  formatLondonIso,
  londonDateOf,
  londonInstant,
  londonMinutesOf,
  londonWallTimeOf,
  parseInstant,
} from '../../../scheduling/rules/londonTime.js';
import { ukOffsetHours } from './northamptonshire.js';

// The oracle is the law, not a time-zone database: the UK clocks go forward at 01:00 UTC on the
// last Sunday of March and back at 01:00 UTC on the last Sunday of October (Summer Time Order
// 2002; `ukOffsetHours`). londonTime.ts reads the zone through @date-fns/tz; nothing here does.
// (These checks were first run against the hand-written module @date-fns/tz replaced, and agreed
// on every case: commit "UK local time on @date-fns/tz".)
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
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

/** The UK wall clock at an instant, by law, written as a UTC reading. */
const wallOf = (t: number) => t + ukOffsetHours(new Date(t)) * HOUR;

/**
 * The instant a UK day and wall time name, by law and by our reading of the two edge cases
 * (londonTime.ts): of the GMT and BST readings, the earlier that exists; in the hour skipped in
 * March, the moment the clocks jump.
 */
function instantOfWall(day: string, time: string): number {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [hms = '', ms = '0'] = time.split('.');
  const [h = 0, mi = 0, s = 0] = hms.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, Number(ms.padEnd(3, '0')));
  const readings = [wall - HOUR, wall].filter((t) => wallOf(t) === wall); // BST, GMT
  return readings[0] ?? lastSundayAt0100Utc(y, 2);
}

/** Fails with both values named, without `expect`'s cost on each of 100,000 passing runs. */
function same(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) throw new Error(`${what}: got ${String(actual)}, the law gives ${String(expected)}`);
}

/** Any instant 2020-2040, half of them within three hours of a clock change, to the millisecond. */
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(years.from, 0, 1), max: Date.UTC(years.to + 1, 0, 1) - 1 }),
  fc.tuple(fc.constantFrom(...clockChanges), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([t, d]) => t + d),
);

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
/** A wall time as the rules write it: HH:mm, HH:mm:ss or HH:mm:ss.SSS; half of them 00:00-02:59. */
const wallTimes = fc
  .tuple(fc.oneof(two(23), two(2)), two(59), two(59), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 2 }))
  .map(([h, m, s, ms, precision]) => [`${h}:${m}`, `${h}:${m}:${s}`, `${h}:${m}:${s}.${String(ms).padStart(3, '0')}`][precision]!);
/** A UK day 2020-2040, half of them a clock-change Sunday. */
const days = fc.oneof(
  fc.integer({ min: Date.UTC(years.from, 0, 1) / DAY, max: Date.UTC(years.to, 11, 31) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10)),
  fc.constantFrom(...changeDays),
);

describe('UK local time (property, 2020-2040, against the summer-time law)', () => {
  it('reads 100,000 instants as the law does: UK day, wall time, minutes past midnight, ISO with offset', () => {
    fc.assert(
      fc.property(instants, (t) => {
        const at = new Date(t);
        const wall = new Date(wallOf(t)).toISOString();
        same(`londonDateOf(${at.toISOString()})`, londonDateOf(at), wall.slice(0, 10));
        same(`londonWallTimeOf(${at.toISOString()})`, londonWallTimeOf(at), wall.slice(11, 23));
        same(`londonMinutesOf(${at.toISOString()})`, londonMinutesOf(at), (((wallOf(t) % DAY) + DAY) % DAY) / MINUTE);
        const second = Math.floor(t / 1000) * 1000;
        const offset = ukOffsetHours(new Date(second)) === 1 ? '+01:00' : '+00:00';
        same(`formatLondonIso(${at.toISOString()})`, formatLondonIso(at), `${new Date(wallOf(second)).toISOString().slice(0, 19)}${offset}`);
      }),
      { numRuns: 100_000 },
    );
  }, 120_000); // 100,000 cases: room for a loaded 2-core machine (speed is the bench's business)

  it('turns 100,000 UK days and wall times into instants as the law does, the skipped and repeated hours included', () => {
    fc.assert(
      fc.property(days, wallTimes, (day, time) => {
        const expected = instantOfWall(day, time);
        same(`londonInstant(${day}, ${time})`, londonInstant(day, time).getTime(), expected);
        same(`parseInstant(${day}T${time})`, parseInstant(`${day}T${time}`)?.getTime(), expected);
      }),
      { numRuns: 100_000 },
    );
  }, 120_000); // 100,000 cases: room for a loaded 2-core machine (speed is the bench's business)

  it('turns every minute of every clock-change Sunday into the instant the law gives', () => {
    for (const day of changeDays) {
      for (let minute = 0; minute < 24 * 60; minute++) {
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        same(`londonInstant(${day}, ${time})`, new Date(londonInstant(day, time)).toISOString(), new Date(instantOfWall(day, time)).toISOString());
      }
    }
  });
});
