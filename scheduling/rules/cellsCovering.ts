import { overlaps } from './Interval.js';
import { londonDateOf } from './londonTime.js';
import { addDays } from './PlainDate.js';
import { slotGrid } from './slotGrid.js';
import type { Interval, Slot } from '../model/Interval.js';
import type { Rota } from '../model/Rota.js';

/**
 * The rota's diary cells an interval touches, in order: what a booking whose event was moved by
 * hand holds from then on. An event at 10:05-10:20 touches the 10:00 and the 10:15 cells; one
 * outside the conference window touches none (no booking can be made there, and the calendar
 * itself keeps the time busy).
 * Rule: DOMAIN.md "Strategy discussion on the rota" (slots taken by anyone are taken).
 * @example
 * cellsCovering({ start: 2026-11-25T10:05Z, end: 2026-11-25T10:20Z }, northamptonshire)
 * //=> [{ start: 10:00Z, end: 10:15Z }, { start: 10:15Z, end: 10:30Z }]
 */
export function cellsCovering(interval: Interval, rota: Rota): Slot[] {
  const cells: Slot[] = [];
  const last = londonDateOf(new Date(interval.end.getTime() - 1));
  for (let day = londonDateOf(interval.start); day <= last; day = addDays(day, 1)) {
    cells.push(...slotGrid(day, rota).filter((cell) => overlaps(cell, interval)));
  }
  return cells;
}
