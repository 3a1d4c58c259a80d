/**
 * Writes scheduling/rules/englandAndWalesHolidays.json: date-holidays' rules for GB (England and
 * Wales among its states) and the names they use, out of the package's data for every country
 * (800 KB of JavaScript, about 30 MB of memory once loaded). Run it after upgrading date-holidays:
 *
 *   npx tsx scripts/holidayData.ts
 *
 * test/scheduling/rules/bankHolidays.test.ts checks the file gives the same public holidays as
 * the whole package, year by year, so an upgrade that changes them fails until this is run.
 */
import { writeFileSync } from 'node:fs';
import { data } from 'date-holidays/data';

export function englandAndWalesHolidayData(all: typeof data) {
  const gb = all.holidays.GB;
  const used = new Set<string>();
  JSON.stringify(gb, (key, value: unknown) => {
    if (key === '_name' && typeof value === 'string') used.add(value);
    return value;
  });
  // 'substitutes' names a substitute day ("Boxing Day (substitute day)").
  const names = Object.fromEntries(Object.entries(all.names).filter(([name]) => used.has(name) || name === 'substitutes'));
  return { version: all.version, license: all.license, source: 'date-holidays (https://github.com/commenthol/date-holidays), GB only', holidays: { GB: gb }, names };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = new URL('../scheduling/rules/englandAndWalesHolidays.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(englandAndWalesHolidayData(data), null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}
