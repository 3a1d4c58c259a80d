import { describe, expect, it } from 'vitest';
import { NonWorkingDays, englandAndWalesBankHolidays } from '../../../scheduling/rules/bankHolidays.js';

describe('englandAndWalesBankHolidays', () => {
  it('lists the 2026 bank holidays, the Boxing Day substitute included', () => {
    expect([...englandAndWalesBankHolidays(2026, 2026)].sort()).toEqual([
      '2026-01-01', // Thu, New Year's Day
      '2026-04-03', // Fri, Good Friday
      '2026-04-06', // Mon, Easter Monday
      '2026-05-04', // Mon, early May
      '2026-05-25', // Mon, spring
      '2026-08-31', // Mon, summer
      '2026-12-25', // Fri, Christmas Day
      '2026-12-26', // Sat, Boxing Day
      '2026-12-28', // Mon, Boxing Day (substitute day)
    ]);
  });

  it('moves both Christmas holidays of 2027 to the following Monday and Tuesday', () => {
    const days = englandAndWalesBankHolidays(2027, 2027);
    expect(days.has('2027-12-27')).toBe(true); // Mon, Christmas Day (substitute day)
    expect(days.has('2027-12-28')).toBe(true); // Tue, Boxing Day (substitute day)
  });

  it('leaves out observances that are not bank holidays', () => {
    const days = englandAndWalesBankHolidays(2026, 2026);
    expect(days.has('2026-04-05')).toBe(false); // Sun, Easter Sunday
    expect(days.has('2026-03-15')).toBe(false); // Sun, Mother's Day
  });

  it('covers every year of the range and nothing outside it', () => {
    const days = [...englandAndWalesBankHolidays(2026, 2028)];
    expect(days).toContain('2026-01-01');
    expect(days).toContain('2028-12-25'); // Mon
    expect(days.every((d) => d >= '2026-01-01' && d <= '2028-12-31')).toBe(true);
    expect(new Set(days.map((d) => d.slice(0, 4)))).toEqual(new Set(['2026', '2027', '2028']));
  });

  it('gives the same days when asked again (the per-year cache is not shared with callers)', () => {
    const first = englandAndWalesBankHolidays(2026, 2026) as Set<string>;
    first.add('2026-11-25');
    expect(englandAndWalesBankHolidays(2026, 2026).has('2026-11-25')).toBe(false);
    expect([...englandAndWalesBankHolidays(2026, 2026)]).toHaveLength(9);
  });

  it('rejects a backwards or fractional range of years', () => {
    expect(() => englandAndWalesBankHolidays(2027, 2026)).toThrow(RangeError);
    expect(() => englandAndWalesBankHolidays(2026.5, 2027)).toThrow(RangeError);
  });
});

describe('NonWorkingDays', () => {
  it('loads the bank holidays of a year the first time a day of it is asked about', () => {
    const days = new NonWorkingDays();
    expect([...days]).toEqual([]);
    expect(days.has('2051-12-25')).toBe(true); // Mon, Christmas Day
    expect([...days].every((d) => d.startsWith('2051-'))).toBe(true);
    expect(days.has('2051-12-27')).toBe(false); // Wed
  });

  it('holds the closure days it is given, whatever the year', () => {
    const days = new NonWorkingDays(['2026-11-25']);
    expect(days.has('2026-11-25')).toBe(true); // Wed, closure
    expect(days.has('2026-12-28')).toBe(true); // Mon, Boxing Day (substitute day)
  });
});

describe('the England and Wales holiday data kept in the repository', () => {
  it('gives the same public holidays as the whole date-holidays package, 1950 to 2150 (else run scripts/holidayData.ts)', async () => {
    const { default: Holidays } = await import('date-holidays');
    const full = new Holidays('GB', 'ENG');
    for (let year = 1950; year <= 2150; year++) {
      const expected = full.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
      expect([...englandAndWalesBankHolidays(year, year)], String(year)).toEqual(expected);
    }
  });

  it('is what scripts/holidayData.ts writes from the installed package', async () => {
    const [{ data }, { englandAndWalesHolidayData }, kept] = await Promise.all([
      import('date-holidays/data'),
      import('../../../scripts/holidayData.js'),
      import('../../../scheduling/rules/englandAndWalesHolidays.json', { with: { type: 'json' } }),
    ]);
    expect(kept.default).toEqual(englandAndWalesHolidayData(data));
  });
});
