import { readFileSync } from 'node:fs';
import { englandAndWalesBankHolidays } from '../../../scheduling/rules/bankHolidays.js';
import { rotaSchema } from '../../../scheduling/rules/Rota.js';
import type { Rota } from '../../../scheduling/model/Rota.js';

/** The shipped Northamptonshire rota, read and validated as the app does. */
export const northamptonshire: Rota = rotaSchema.parse(
  JSON.parse(readFileSync(new URL('../../../app/rotas/northamptonshire.json', import.meta.url), 'utf8')),
);

/** England & Wales bank holidays for the years the tests use. */
export const bankHolidays = englandAndWalesBankHolidays(2025, 2029);

/** An instant written with an explicit offset or Z (parsed by JavaScript, not by the rules under test). */
export const at = (iso: string): Date => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(iso)) throw new Error(`bad test instant ${iso}`);
  return d;
};

/**
 * The UK offset in hours at an instant, from the law rather than from a time-zone database:
 * BST (+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * An oracle independent of londonTime.ts, for property tests.
 */
export function ukOffsetHours(instant: Date): number {
  const y = instant.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const t = instant.getTime();
  return t >= lastSunday(2) && t < lastSunday(9) ? 1 : 0;
}
