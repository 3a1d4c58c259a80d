/**
 * The `Action.Execute` verbs our cards carry. They are an API between the cards a manager holds
 * (possibly for days) and the bot: keep them stable.
 */
export const verbs = {
  /** Submits the request card: `desk.intake.submit`. */
  requestDiscussion: 'strategy.request',
  /** Back to the request card with what was typed (from the urgent summary), data {requestKey, ...values}. */
  editRequest: 'strategy.edit',
  /** Shows a fresh request card (welcome and help cards). */
  openRequest: 'strategy.open',
  /** Asks "Cancel this strategy discussion?" (nothing changes yet), data {bookingId}. */
  cancelBooking: 'strategy.cancel',
  /** Cancels the booking, after the question (`desk.cancelBooking`), data {bookingId}. */
  confirmCancel: 'strategy.cancel.confirm',
  /** Shows the case's own card as it is now (No, keep it), data {bookingId}. */
  showBooking: 'strategy.show',
  longerSlot: 'strategy.longer',
  showAgenda: 'strategy.agenda',
  policeMadeContact: 'strategy.police-contact',
  /** The manager could not reach the urgent escalation's contacts at `level`: data {requestId, level}. */
  urgentNotReached: 'urgent.notReached',
  /** The police declined: rebook to the next free slot after this one (`desk.bookNextSlot`), data {bookingId}. */
  bookNextSlot: 'booking.bookNext',
  /** The police declined and the manager keeps the slot (`desk.keepSlot`), data {bookingId}. */
  keepSlot: 'booking.keep',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
