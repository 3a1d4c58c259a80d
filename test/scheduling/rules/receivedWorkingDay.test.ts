import { describe, expect, it } from 'vitest';
import { conferenceDayFor } from '../../../scheduling/rules/conferenceDayFor.js';
import { receivedWorkingDay } from '../../../scheduling/rules/receivedWorkingDay.js';
import { at, bankHolidays, northamptonshire } from './northamptonshire.js';

const received = (iso: string, nonWorking = bankHolidays) => receivedWorkingDay(at(iso), northamptonshire, nonWorking);

describe('receivedWorkingDay', () => {
  // Week of Monday 23 November 2026 (GMT, so UK time = UTC).
  it.each([
    ['2026-11-23T09:00:00Z', '2026-11-23', 'a Monday morning counts that Monday'],
    ['2026-11-23T00:00:00Z', '2026-11-23', 'Monday midnight counts that Monday'],
    ['2026-11-24T15:59:59Z', '2026-11-24', 'Tuesday 15:59:59 is before the cut-off'],
    ['2026-11-24T15:59:59.999Z', '2026-11-24', 'Tuesday 15:59:59.999 is before the cut-off'],
    ['2026-11-24T16:00:00Z', '2026-11-25', 'Tuesday 16:00:00 is at the cut-off: Wednesday'],
    ['2026-11-24T23:59:59Z', '2026-11-25', 'Tuesday late evening: Wednesday'],
    ['2026-11-26T15:00:00Z', '2026-11-26', 'Thursday afternoon counts that Thursday'],
    ['2026-11-27T11:00:00Z', '2026-11-27', 'Friday morning counts that Friday'],
    ['2026-11-27T16:30:00Z', '2026-11-30', 'Friday 16:30: Monday'],
    ['2026-11-28T10:00:00Z', '2026-11-30', 'Saturday: Monday'],
    ['2026-11-29T23:59:59.999Z', '2026-11-30', 'Sunday night: Monday'],
  ])('%s counts as received %s (%s)', (iso, day) => {
    expect(received(iso)).toBe(day);
  });

  it('reads the cut-off in UK summer time, not UTC', () => {
    expect(received('2026-06-02T14:59:59.999+00:00')).toBe('2026-06-02'); // Tue 15:59:59.999 BST
    expect(received('2026-06-02T15:00:00+00:00')).toBe('2026-06-03'); // Tue 16:00 BST: Wed
    expect(received('2026-06-02T23:30:00+00:00')).toBe('2026-06-03'); // Wed 00:30 BST: Wed itself
  });

  it('moves a referral on a bank holiday, or late before one, past it (Easter 2026)', () => {
    expect(received('2026-04-02T15:00:00+01:00')).toBe('2026-04-02'); // Thu before Good Friday
    expect(received('2026-04-02T16:30:00+01:00')).toBe('2026-04-07'); // Thu late: Tue
    expect(received('2026-04-03T10:00:00+01:00')).toBe('2026-04-07'); // Good Friday: Tue
    expect(received('2026-04-06T09:00:00+01:00')).toBe('2026-04-07'); // Easter Monday: Tue
  });

  it('moves a referral over Christmas 2026 and the Boxing Day substitute Monday', () => {
    expect(received('2026-12-24T16:00:00Z')).toBe('2026-12-29'); // Thu at the cut-off: Tue
    expect(received('2026-12-25T10:00:00Z')).toBe('2026-12-29'); // Fri, Christmas: Tue
    expect(received('2026-12-28T10:00:00Z')).toBe('2026-12-29'); // Mon, substitute day: Tue
  });

  it('treats a configured closure day like a bank holiday', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-25']); // Wed closed
    expect(received('2026-11-24T16:00:00Z', nonWorking)).toBe('2026-11-26'); // Tue late: Thu
    expect(received('2026-11-25T10:00:00Z', nonWorking)).toBe('2026-11-26'); // Wed: Thu
  });

  it('follows the rota\'s cut-off time', () => {
    const noon = { ...northamptonshire, cutOff: '12:00' };
    expect(receivedWorkingDay(at('2026-11-24T11:59:59Z'), noon, bankHolidays)).toBe('2026-11-24'); // Tue
    expect(receivedWorkingDay(at('2026-11-24T12:00:00Z'), noon, bankHolidays)).toBe('2026-11-25'); // Wed
  });
});

describe('receivedWorkingDay then conferenceDayFor (DOMAIN.md rota table)', () => {
  it.each([
    ['2026-11-23T10:00:00Z', '2026-11-25', 'Monday -> Wednesday of that week'],
    ['2026-11-24T10:00:00Z', '2026-11-25', 'Tuesday -> Wednesday of that week'],
    ['2026-11-25T10:00:00Z', '2026-11-27', 'Wednesday -> Friday of that week'],
    ['2026-11-26T10:00:00Z', '2026-11-27', 'Thursday -> Friday of that week'],
    ['2026-11-27T10:00:00Z', '2026-11-30', 'Friday -> the following Monday'],
    ['2026-11-24T15:59:59Z', '2026-11-25', 'Tuesday 15:59:59 -> Wednesday'],
    ['2026-11-24T16:00:00Z', '2026-11-27', 'Tuesday 16:00:00 -> Friday'],
    ['2026-11-26T16:00:00Z', '2026-11-30', 'Thursday 16:00 -> Monday'],
    ['2026-11-27T16:30:00Z', '2026-12-02', 'Friday 16:30 -> Wednesday'],
    ['2026-11-28T10:00:00Z', '2026-12-02', 'Saturday -> Wednesday'],
    ['2026-11-29T10:00:00Z', '2026-12-02', 'Sunday -> Wednesday'],
  ])('a referral at %s is discussed on %s (%s)', (iso, day) => {
    expect(conferenceDayFor(received(iso), northamptonshire)).toBe(day);
  });
});
