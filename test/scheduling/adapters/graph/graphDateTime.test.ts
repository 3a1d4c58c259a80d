import { describe, expect, it } from 'vitest';
import { fromGraphDateTime, toGraphDateTime } from '../../../../scheduling/adapters/graph/graphDateTime.js';

describe('toGraphDateTime', () => {
  it('writes the instant as a UTC wall-clock time', () => {
    expect(toGraphDateTime(new Date('2026-11-25T10:00:00Z' /* Wed */))).toEqual({ dateTime: '2026-11-25T10:00:00.000', timeZone: 'UTC' });
  });
});

describe('fromGraphDateTime', () => {
  it.each([
    ['seven fractional digits in UTC', { dateTime: '2026-11-25T10:00:00.0000000', timeZone: 'UTC' }, '2026-11-25T10:00:00.000Z'],
    ['no seconds', { dateTime: '2026-11-25T10:00', timeZone: 'UTC' }, '2026-11-25T10:00:00.000Z'],
    ['the Windows name for UTC', { dateTime: '2026-11-25T10:00:00', timeZone: 'Coordinated Universal Time' }, '2026-11-25T10:00:00.000Z'],
    ['London summer time (Thu 2 July)', { dateTime: '2026-07-02T10:00:00.0000000', timeZone: 'Europe/London' }, '2026-07-02T09:00:00.000Z'],
    ['London winter time (Wed 25 November)', { dateTime: '2026-11-25T10:00:00.0000000', timeZone: 'Europe/London' }, '2026-11-25T10:00:00.000Z'],
    ['an explicit offset', { dateTime: '2026-07-02T10:00:00+01:00', timeZone: 'UTC' }, '2026-07-02T09:00:00.000Z'],
    ['milliseconds', { dateTime: '2026-11-25T10:00:00.1234567', timeZone: 'UTC' }, '2026-11-25T10:00:00.123Z'],
  ])('reads %s', (_, value, expected) => {
    expect(fromGraphDateTime(value).toISOString()).toBe(expected);
  });

  it('refuses text that is not a date and time', () => {
    expect(() => fromGraphDateTime({ dateTime: 'tomorrow', timeZone: 'UTC' })).toThrow(/not one/);
  });

  it('refuses a zone it cannot read', () => {
    expect(() => fromGraphDateTime({ dateTime: '2026-11-25T10:00:00', timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});
