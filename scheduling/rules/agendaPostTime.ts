/**
 * When the agenda of a booked discussion is posted: `leadMinutes` before its slot starts
 * (AGENDA_LEAD_MINUTES, 5 by default), or at once when that moment has already passed (a slot
 * booked or moved at short notice). Counted on the instant, so a slot just after a clock change
 * still gets its agenda the same number of real minutes ahead. `undefined` once the slot has
 * ended: there is nothing left to put on screen.
 * Rule: issue 9 "Where the discussion happens".
 * @example
 * agendaPostTime({ start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T10:15:00Z') }, 5, new Date('2026-11-23T12:00:00Z'))
 * //=> 2026-11-25T09:55:00.000Z
 */
export function agendaPostTime(slot: { readonly start: Date; readonly end: Date }, leadMinutes: number, now: Date): Date | undefined {
  if (slot.end.getTime() <= now.getTime()) return undefined;
  const at = slot.start.getTime() - leadMinutes * 60_000;
  return new Date(Math.max(at, now.getTime()));
}
