import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { errorCard } from '../cards/errorCard.js';
import { ConflictError, NoSlotError, NotFoundError, NotPermittedError } from '../scheduling/services/errors.js';

/**
 * The card for a failure of a desk service. Expected failures (their stable classes) get a
 * message saying what to do; anything else gets a reference the administrator can find in the
 * log. Never names a child: service errors never carry names.
 * @example
 * deskErrorCard(new NotFoundError('booking', 'bk-1'), 'ref-1') // 'That booking no longer exists.'
 * deskErrorCard(new NotPermittedError('booking.cancel', 'booking', 'bk-1'), 'ref-1') // 'You cannot act on this discussion'
 */
export function deskErrorCard(error: unknown, reference: string): AdaptiveCard {
  if (error instanceof NoSlotError) {
    return errorCard({
      title: 'No conference slot is free',
      lines: [
        `The police rota has no free slot in the ${error.searchDays} days searched. Your request is saved.`,
        'Call the police referral unit to arrange the discussion, or try again later.',
      ],
      offerRequest: true,
    });
  }
  if (error instanceof NotPermittedError) {
    // Says nothing of the case: not its N number, children, time or manager.
    return errorCard({
      title: 'You cannot act on this discussion',
      lines: [
        'Only the manager who requested it, or the members of the chat where it was posted, can see or change it.',
        'Type my bookings to see your own strategy discussions.',
      ],
    });
  }
  if (error instanceof NotFoundError) {
    return errorCard({ title: 'Not found', lines: [`That ${error.what} no longer exists. Type my bookings to see what you have booked.`] });
  }
  if (error instanceof ConflictError) {
    return errorCard({ title: 'That cannot be done', lines: [`${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`] });
  }
  return errorCard({
    title: 'Something went wrong',
    lines: ['Please try again: a repeated request never books twice.', `If it keeps failing, give your administrator this reference: ${reference}`],
  });
}
