import type { Slot } from '../model/Interval.js';
import { londonInstant } from './londonTime.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { Rota } from '../model/Rota.js';

/**
 * The diary cells of a conference day: `rota.slotMinutes` long, back to back from the window's
 * UK start, each ending by the window's UK end. Northamptonshire: 10:00, 10:15, ... 11:15 (six).
 * Cells are real elapsed minutes from the start instant, so a day on which the clocks change
 * still gets cells of the right length at the right UK times.
 * Rule: DOMAIN.md "Strategy discussion on the rota" (15-minute slots, 10:00-11:30 UK time).
 * @example
 * slotGrid('2026-11-25', northamptonshire)[1]
 * //=> { start: 2026-11-25T10:15:00.000Z, end: 2026-11-25T10:30:00.000Z }
 */
export function slotGrid(day: PlainDate, rota: Rota): Slot[] {
  const windowEnd = londonInstant(day, rota.window.end).getTime();
  const length = rota.slotMinutes * 60_000;
  const cells: Slot[] = [];
  for (let start = londonInstant(day, rota.window.start).getTime(); start + length <= windowEnd; start += length) {
    cells.push({ start: new Date(start), end: new Date(start + length) });
  }
  return cells;
}
