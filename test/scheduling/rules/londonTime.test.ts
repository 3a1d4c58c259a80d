import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLondonIso,
  londonDateOf,
  londonInstant,
  londonMinutesOf,
  londonWallTimeOf,
  minutesOfClock,
  parseInstant,
} from '../../../scheduling/rules/londonTime.js';
import { at, ukOffsetHours } from './northamptonshire.js';

// 2026 clock changes: forward Sunday 29 March at 01:00 UTC, back Sunday 25 October at 01:00 UTC.
const instants2026to2028 = fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2028-12-31T23:59:59Z'), noInvalidDate: true });

describe('londonDateOf', () => {
  it.each([
    ['2026-11-24T23:59:59.999Z', '2026-11-24'], // Tue, GMT: the UTC day
    ['2026-11-25T00:00:00.000Z', '2026-11-25'], // Wed, GMT midnight
    ['2026-06-02T22:59:59.999Z', '2026-06-02'], // Tue 23:59:59.999 BST
    ['2026-06-02T23:00:00.000Z', '2026-06-03'], // Wed 00:00 BST, still Tuesday in UTC
    ['2026-11-24T07:30:00.000Z', '2026-11-24'], // Tue, still Monday in Los Angeles
    ['2026-03-29T00:59:59.000Z', '2026-03-29'], // Sun, the last GMT second before the clocks go forward
    ['2026-10-24T23:30:00.000Z', '2026-10-25'], // Sun 00:30 BST, before the clocks go back
  ])('gives the UK day of %s as %s', (instant, day) => {
    expect(londonDateOf(at(instant))).toBe(day);
  });

  it('agrees with the UK summer-time law for any instant in 2026-2028', () => {
    fc.assert(
      fc.property(instants2026to2028, (t) => {
        const wall = new Date(t.getTime() + ukOffsetHours(t) * 3_600_000);
        expect(londonDateOf(t)).toBe(wall.toISOString().slice(0, 10));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('londonMinutesOf', () => {
  it.each([
    ['2026-11-25T10:15:00Z', 615], // Wed 10:15 GMT
    ['2026-06-03T09:15:00Z', 615], // Wed 10:15 BST
    ['2026-06-02T23:00:00Z', 0], // Wed 00:00 BST
    ['2026-10-25T00:30:00Z', 90], // Sun 01:30 BST, first time round
    ['2026-10-25T01:30:00Z', 90], // Sun 01:30 GMT, second time round
    ['2026-03-29T01:00:00Z', 120], // Sun 02:00 BST, just after the jump
  ])('reads the UK wall clock at %s as %i minutes past midnight', (instant, minutes) => {
    expect(londonMinutesOf(at(instant))).toBe(minutes);
  });

  it('keeps seconds and milliseconds as a fraction, so 15:59:59.999 is before 16:00', () => {
    const justBefore = londonMinutesOf(at('2026-06-02T14:59:59.999Z')); // Tue 15:59:59.999 BST
    expect(justBefore).toBeLessThan(960);
    expect(justBefore).toBeGreaterThan(959.99);
    expect(londonMinutesOf(at('2026-06-02T15:00:00.000Z'))).toBe(960); // Tue 16:00 BST
  });

  it('agrees with the UK summer-time law for any instant in 2026-2028', () => {
    fc.assert(
      fc.property(instants2026to2028, (t) => {
        const wall = t.getTime() + ukOffsetHours(t) * 3_600_000;
        expect(londonMinutesOf(t)).toBeCloseTo((wall % 86_400_000) / 60_000, 9);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('londonWallTimeOf', () => {
  it('gives the UK wall-clock time to the millisecond', () => {
    expect(londonWallTimeOf(at('2026-11-25T14:02:05.250Z'))).toBe('14:02:05.250'); // Wed, GMT
    expect(londonWallTimeOf(at('2026-06-03T13:02:05.007Z'))).toBe('14:02:05.007'); // Wed, BST
  });
});

describe('minutesOfClock', () => {
  it('turns HH:mm into minutes after midnight and rejects anything else', () => {
    expect(minutesOfClock('16:00')).toBe(960);
    expect(minutesOfClock('00:00')).toBe(0);
    expect(() => minutesOfClock('24:00')).toThrow(RangeError);
    expect(() => minutesOfClock('9:00')).toThrow(RangeError);
  });
});

describe('londonInstant', () => {
  it.each([
    ['2026-11-25', '10:15', '2026-11-25T10:15:00.000Z'], // Wed, GMT
    ['2026-06-03', '10:00', '2026-06-03T09:00:00.000Z'], // Wed, BST
    ['2026-03-30', '10:00', '2026-03-30T09:00:00.000Z'], // Mon after the clocks go forward
    ['2026-10-26', '10:00', '2026-10-26T10:00:00.000Z'], // Mon after the clocks go back
    ['2026-03-29', '00:59', '2026-03-29T00:59:00.000Z'], // Sun, last GMT minute
    ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'], // Sun, first BST minute
    ['2026-10-25', '00:59', '2026-10-24T23:59:00.000Z'], // Sun, BST, the UTC day before
    ['2026-10-25', '02:00', '2026-10-25T02:00:00.000Z'], // Sun, GMT after the repeat
    ['2026-11-25', '10:15:30.250', '2026-11-25T10:15:30.250Z'], // Wed, with seconds
  ])('turns %s %s UK time into %s', (day, time, instant) => {
    expect(londonInstant(day, time).toISOString()).toBe(instant);
  });

  it('takes a time the clocks skip (spring forward) to the moment they jump', () => {
    // Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:00-01:59 never happens.
    expect(londonInstant('2026-03-29', '01:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(londonInstant('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(londonInstant('2026-03-29', '01:59:59.999').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes a time the clocks repeat (fall back) to its first occurrence, in BST', () => {
    // Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:00-01:59 happens twice.
    expect(londonInstant('2026-10-25', '01:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(londonInstant('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('rejects an impossible day or time', () => {
    expect(() => londonInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => londonInstant('2026-11-25', '24:00')).toThrow(RangeError);
    expect(() => londonInstant('2026-11-25', '10')).toThrow(RangeError);
  });

  it('gives back any instant from its UK day and wall time (the earlier one in the repeated hour)', () => {
    fc.assert(
      fc.property(instants2026to2028, (t) => {
        const back = londonInstant(londonDateOf(t), londonWallTimeOf(t)).getTime();
        const repeated = back === t.getTime() - 3_600_000 && londonWallTimeOf(new Date(back)) === londonWallTimeOf(t);
        expect(back === t.getTime() || repeated).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatLondonIso', () => {
  it.each([
    ['2026-11-25T10:15:00Z', '2026-11-25T10:15:00+00:00'], // Wed, GMT
    ['2026-06-03T09:00:00Z', '2026-06-03T10:00:00+01:00'], // Wed, BST
    ['2026-06-03T09:00:00.999Z', '2026-06-03T10:00:00+01:00'], // milliseconds dropped
    ['2026-06-02T23:30:00Z', '2026-06-03T00:30:00+01:00'], // Wed 00:30 BST, the UTC day before
    ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00+01:00'], // Sun, 01:30 first time round
    ['2026-10-25T01:30:00Z', '2026-10-25T01:30:00+00:00'], // Sun, 01:30 second time round
  ])('writes %s as %s', (instant, text) => {
    expect(formatLondonIso(at(instant))).toBe(text);
  });

  it('is read back as the same instant, to the second', () => {
    fc.assert(
      fc.property(instants2026to2028, (t) => {
        const text = formatLondonIso(t);
        expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
        expect(new Date(text).getTime()).toBe(Math.floor(t.getTime() / 1000) * 1000);
        expect(parseInstant(text)?.getTime()).toBe(Math.floor(t.getTime() / 1000) * 1000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-11-27T16:00', '2026-11-27T16:00:00.000Z'], // Fri, no offset: UK time (GMT)
    ['2026-06-05T16:00', '2026-06-05T15:00:00.000Z'], // Fri, no offset: UK time (BST)
    ['2026-06-05T16:00:30', '2026-06-05T15:00:30.000Z'], // with seconds
    ['2026-06-05T16:00:30.5', '2026-06-05T15:00:30.500Z'], // with a fraction
    ['2026-06-05T16:00:30.123456', '2026-06-05T15:00:30.123Z'], // beyond milliseconds: cut off
    ['2026-06-05T16:00Z', '2026-06-05T16:00:00.000Z'], // Z: UTC, whatever the UK offset
    ['2026-06-05T16:00:00z', '2026-06-05T16:00:00.000Z'],
    ['2026-06-05T16:00:00+01:00', '2026-06-05T15:00:00.000Z'],
    ['2026-06-05T16:00:00-04:00', '2026-06-05T20:00:00.000Z'],
    ['2026-06-05T16:00+0530', '2026-06-05T10:30:00.000Z'],
    ['2026-03-29T01:30', '2026-03-29T01:00:00.000Z'], // Sun, skipped UK time: when the clocks jump
    ['2026-10-25T01:30', '2026-10-25T00:30:00.000Z'], // Sun, repeated UK time: the first
    [' 2026-11-27T16:00 ', '2026-11-27T16:00:00.000Z'], // surrounding spaces ignored
  ])('reads %s as %s', (text, instant) => {
    expect(parseInstant(text)?.toISOString()).toBe(instant);
  });

  it.each([
    [''],
    ['tomorrow at ten'],
    ['2026-11-27'], // a day, no time
    ['2026-02-30T10:00'], // no 30 February
    ['2026-02-29T10:00'], // 2026 is not a leap year
    ['2026-13-01T10:00'],
    ['2026-11-27T24:00'],
    ['2026-11-27T10:60'],
    ['2026-11-27T10:00:60'],
    ['2026-11-27T10:00+24:00'],
    ['2026-11-27T10:00+01:60'],
    ['2026-11-27T10'],
    ['27/11/2026 10:00'],
    ['2026-11-27T10:00:00.Z'],
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
