import type { Slot } from '../model/Interval.js';
import type { Rota } from '../model/Rota.js';

/**
 * The diary cells a slot covers, in order, so each can be held as its own row (which is what
 * stops two bookings sharing a cell).
 * Rule: DOMAIN.md "Strategy discussion on the rota" (a longer slot is two consecutive cells).
 * @example
 * slotCells({ start: 2026-11-25T10:00Z, end: 2026-11-25T10:30Z }, northamptonshire)
 * //=> [{ start: 10:00Z, end: 10:15Z }, { start: 10:15Z, end: 10:30Z }]
 */
export function slotCells(slot: Slot, rota: Rota): Slot[] {
  const length = rota.slotMinutes * 60_000;
  const from = slot.start.getTime();
  const to = slot.end.getTime();
  if (to <= from || (to - from) % length !== 0) {
    throw new RangeError(`a slot must be a whole number of ${rota.slotMinutes}-minute cells`);
  }
  const cells: Slot[] = [];
  for (let start = from; start < to; start += length) cells.push({ start: new Date(start), end: new Date(start + length) });
  return cells;
}
