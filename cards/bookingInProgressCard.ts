import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { inertText } from './inertText.js';
import template from './noticeCard.json' with { type: 'json' };

/**
 * The answer when the calendar is slow: Teams gets it at once (no time-out), and the bot updates
 * the card in place when the booking is done. Names the case by N number only.
 * Rule: issue 3 "Results, in place"; PLATFORM.md (invokes time out after about 10-15 s).
 * @example
 * bookingInProgressCard({ nNumbers: ['N146782'] }) // 'Booking...', 'Finding the next conference slot for N146782...'
 */
export function bookingInProgressCard(request: Pick<StoredRequest, 'nNumbers'> | { nNumbers?: undefined }): AdaptiveCard {
  const forCase = request.nNumbers?.length ? ` for ${inertText(request.nNumbers.join(', '))}` : '';
  return expandCard(template, {
    title: 'Booking...',
    color: 'default',
    lines: [`Finding the next conference slot${forCase} and sending the invite.`, 'This card updates itself when it is done.'],
    offerRequest: false,
    verb: '',
  });
}
