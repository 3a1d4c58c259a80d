import type { Booking, BookingStatus } from '../scheduling/model/Booking.js';
import type { CaseReply } from '../scheduling/model/CaseReply.js';
import type { Interval } from '../scheduling/model/Interval.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import type { MailState } from '../scheduling/model/Mail.js';
import { formatSlotInWords, formatUkDateTimeInWords, formatUkTime } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import template from './bookingCard.json' with { type: 'json' };
import { addToCalendarLink } from './addToCalendarLink.js';
import { caseLines } from './caseLines.js';
import { inertText } from './inertText.js';
import { verbs } from './verbs.js';

export interface BookingCardInput {
  readonly booking: Booking;
  readonly request: Pick<StoredRequest, 'nNumbers' | 'childSurnames' | 'managerName' | 'managerRole' | 'managerPhone' | 'invitees' | 'managerEmail'>;
  readonly audience: Audience;
  /** The rota's slot length: a booking of one slot can ask for a longer one. */
  readonly slotMinutes: number;
  /** A heading other than "Strategy discussion booked" or the one `replaced` gives (e.g. "Slot kept"). */
  readonly title?: string;
  /** The booking this one replaced, if it was moved: the heading says how (`movedTitle`). */
  readonly replaced?: Interval;
  /** The police referral unit's email; unless it is `sent`, the card says it is still to go. */
  readonly policeEmail?: MailState;
  /** The attendees' replies to the invite as last read from the calendar (CaseView.replies). */
  readonly replies?: readonly CaseReply[];
  /** Where the invite went besides the requester: the police referral unit's address. */
  readonly policeAddress: string;
  /** How to join: the area's conference line (dial-in number and passcode). */
  readonly joinDetails: string;
  /** Asks "Cancel this strategy discussion?" with Yes, cancel it / No, keep it instead of the usual buttons. */
  readonly confirmCancel?: boolean;
}

const answerWords: Partial<Record<CaseReply['response'], string>> = { accepted: 'Accepted', declined: 'Declined', tentativelyAccepted: 'Tentatively accepted' };

/** Who answered, as the card names them: their name and address, or the address alone. */
const who = (reply: CaseReply) => inertText(reply.name && reply.name !== reply.address ? `${reply.name} (${reply.address})` : reply.address);

/**
 * The status of a booked slot from the police's replies: accepted by whoever answered for the
 * police (the referral unit or a forwarded DS), else declined, else still awaited.
 */
function policeStatus(replies: readonly CaseReply[]): string | undefined {
  const police = replies.filter((r) => r.police);
  const answer = police.find((r) => r.response === 'accepted') ?? police.find((r) => r.response === 'declined');
  if (!answer) return undefined;
  return `${answerWords[answer.response]} by ${who(answer)}${answer.respondedAt ? ` at ${formatUkTime(answer.respondedAt)}` : ''}`;
}

/** What the manager is told about a police email that has not (certainly) gone. */
const policeEmailNote: Record<Exclude<MailState, 'sent'>, string> = {
  pending: 'Police email not sent yet: it goes out in a moment and is retried until it does; this card changes when it has gone',
  'needs-checking': 'Police email not confirmed - held for a person to check; phone the police referral unit if it is urgent',
};

const minutesOf = (slot: Interval) => (slot.end.getTime() - slot.start.getTime()) / 60_000;

/**
 * How a booking that replaced another came about, said as it is: one that grew in place was
 * extended, a longer one that had to start elsewhere was moved, one of the same length went to
 * the next free slot (after the police declined). Every drawing of the card says the same, so a
 * refresh after the move does not turn it back into a plain "booked".
 * @example
 * movedTitle({ start: 10:00, end: 10:30 }, { start: 10:00, end: 10:15 }) //=> 'Extended to a longer slot'
 * movedTitle({ start: 10:15, end: 10:30 }, { start: 10:00, end: 10:15 }) //=> 'Moved to the next free slot'
 */
export function movedTitle(booking: Interval, replaced: Interval | undefined): string | undefined {
  if (!replaced) return undefined;
  if (minutesOf(booking) <= minutesOf(replaced)) return 'Moved to the next free slot';
  return booking.start.getTime() === replaced.start.getTime() ? 'Extended to a longer slot' : 'Moved to a longer slot';
}

/** The status of a booking before the police answer: the booking card and `my bookings` say the same. */
export const statusText: Record<BookingStatus, string> = {
  reserved: 'Slot held - sending the invite',
  booked: 'Invite sent - awaiting police',
  cancelled: 'Cancelled',
};

/** The symbol that says the status with its words (never colour alone). */
function statusIcon(status: BookingStatus, replies: readonly CaseReply[]): string {
  const police = replies.filter((r) => r.police);
  if (police.some((r) => r.response === 'accepted')) return '\u2714';
  if (police.some((r) => r.response === 'declined')) return '\u2716';
  return status === 'cancelled' ? '\u2716' : '\u23F3';
}

/**
 * The booking card: the slot in plain en-GB words, the case, the status, whether the police
 * email is still to go (the slot and invite stand either way), and the buttons Show agenda, Need a
 * longer slot and Cancel... (which asks first: `confirmCancel`). It says who booked it, the number the
 * police will ring, who is invited and how to join: *Join the Teams meeting* for a Teams meeting, and
 * *Add to my calendar* when the manager is not on the invite (no address known for them).
 * Once the police answer, the status says who accepted (or declined) and when, in UK time, and
 * every answer to the invite is listed.
 * Rule: issue 3 "Results, in place"; a police email not gone yet is said so (review item 7);
 * issue 8 "The police's reply to the invite".
 * @example
 * bookingCard({ booking, request, audience: 'personal', slotMinutes: 15 }) // shows 'Wednesday 25 November 2026, 10:15-10:30'
 */
export function bookingCard(input: BookingCardInput): AdaptiveCard {
  const { booking, request, audience, slotMinutes } = input;
  const minutes = minutesOf(booking);
  const emailNote = input.policeEmail && input.policeEmail !== 'sent' ? policeEmailNote[input.policeEmail] : undefined;
  const replies = booking.status === 'booked' ? (input.replies ?? []) : [];
  const answered = replies.filter((r) => answerWords[r.response]);
  // The requester is on the invite when their address is known (Teams gives it): it is in their Outlook already.
  const invited = [...(request.managerEmail ? [`you (${request.managerEmail})`] : []), input.policeAddress, ...request.invitees];
  const live = booking.status !== 'cancelled';
  const facts = [
    { title: 'Booked by', value: inertText(`${request.managerName} (${request.managerRole})`) },
    { title: 'Police will ring', value: inertText(request.managerPhone) },
    { title: 'Invited', value: inertText(invited.join('; ')) },
    { title: 'Join', value: inertText(input.joinDetails) },
  ];
  return expandCard(template, {
    title: input.title ?? movedTitle(booking, input.replaced) ?? 'Strategy discussion booked',
    statusIcon: statusIcon(booking.status, replies),
    facts,
    confirmCancel: input.confirmCancel === true && booking.status !== 'cancelled',
    slot: formatSlotInWords(booking),
    case: caseLines(request, audience),
    status: (booking.status === 'booked' && policeStatus(replies)) || statusText[booking.status],
    ...(answered.length
      ? { replies: answered.map((r) => ({ line: `${answerWords[r.response]} by ${who(r)}${r.respondedAt ? `, ${formatUkDateTimeInWords(r.respondedAt)}` : ''}` })) }
      : {}),
    ...(emailNote ? { policeEmailNote: emailNote } : {}),
    told: emailNote
      ? 'The police referral unit has the calendar invite; the request email follows. Their reply shows here and comes to you in this chat.'
      : 'The police referral unit has the calendar invite and the request by email. Their reply shows here and comes to you in this chat.',
    bookingId: booking.id,
    ...(live && booking.joinUrl?.startsWith('https://') ? { joinUrl: booking.joinUrl } : {}),
    ...(live && !request.managerEmail ? { addToCalendarUrl: addToCalendarLink({ nNumbers: request.nNumbers, start: booking.start, end: booking.end, joinDetails: input.joinDetails }) } : {}),
    canLengthen: booking.status !== 'cancelled' && minutes <= slotMinutes,
    verbs: { cancel: verbs.cancelBooking, confirmCancel: verbs.confirmCancel, show: verbs.showBooking, longer: verbs.longerSlot, agenda: verbs.showAgenda },
  });
}
