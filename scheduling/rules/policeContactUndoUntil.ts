/** How long a recorded police contact may be undone, in minutes. */
export const policeContactUndoMinutes = 15;

/**
 * Until when a recorded police contact may be undone (a mis-click on *Police made contact*):
 * `minutes` (`policeContactUndoMinutes`) after it was recorded. Undoing is safe - it only puts the escalation back on its
 * clock, which still counts from the email - but past the window the record stands: by then the
 * discussion has been held on that call, and a mistaken record is corrected by a person, not a button.
 * Rule: DOMAIN.md "URGENT (live section 47)"; issue 11 ("an undo where undo is safe").
 * @example
 * policeContactUndoUntil(new Date('2026-11-25T14:20:00Z')) //=> 2026-11-25T14:35:00.000Z
 */
export function policeContactUndoUntil(recordedAt: Date, minutes = policeContactUndoMinutes): Date {
  return new Date(recordedAt.getTime() + minutes * 60_000);
}
