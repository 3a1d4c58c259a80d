import { describe, expect, it } from 'vitest';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { reminderDue } from '../../../scheduling/rules/reminderDue.js';
import { at, bankHolidays } from './northamptonshire.js';

const when = (start: string, due: string) => reminderDue(at(start), at(due), bankHolidays);

describe('reminderDue', () => {
  it('reminds at 09:00 on the working day before the due day', () => {
    expect(formatLondonIso(when('2026-11-27T12:00:00+00:00' /* Fri */, '2026-12-02T17:00:00+00:00' /* Wed */)!)).toBe('2026-12-01T09:00:00+00:00');
    expect(formatLondonIso(when('2026-11-25T12:00:00+00:00', '2026-11-30T17:00:00+00:00' /* Mon */)!)).toBe('2026-11-27T09:00:00+00:00'); // the Friday
  });

  it('skips a bank holiday to find the working day before', () => {
    expect(formatLondonIso(when('2026-03-30T12:00:00+01:00', '2026-04-07T17:00:00+01:00' /* Tue after Easter */)!)).toBe('2026-04-02T09:00:00+01:00'); // Thu
  });

  it('reminds a 24-hour record halfway, moved into working hours', () => {
    expect(formatLondonIso(when('2026-11-25T10:15:00+00:00' /* Wed */, '2026-11-26T10:15:00+00:00')!)).toBe('2026-11-26T09:00:00+00:00');
  });

  it('gives no reminder when none fits before the due time', () => {
    expect(when('2026-11-27T10:15:00+00:00' /* Fri */, '2026-11-28T10:15:00+00:00' /* Sat */)).toBeUndefined();
  });
});
