import type { Notice, NoticeAttendee } from '../scheduling/model/Notice.js';
import { formatSlotInWords, formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import template from './deskNoticeCard.json' with { type: 'json' };
import { inertText } from './inertText.js';
import { verbs } from './verbs.js';

interface Button {
  readonly verb: string;
  readonly title: string;
  readonly data: Readonly<Record<string, string | number>>;
}

interface NoticeText {
  readonly title: string;
  /** `attention` for what needs the manager now; the title says it in words too (never colour alone). */
  readonly color: 'default' | 'attention';
  readonly lines: readonly string[];
  readonly contacts?: ReadonlyArray<{ label: string; name: string; phone: string }>;
  readonly notes?: readonly string[];
  readonly buttons?: readonly Button[];
}

/** How a card names an attendee the calendar reported (their name is typed by others: inert). */
function who(attendee: NoticeAttendee): string {
  return inertText(attendee.name ? `${attendee.name} (${attendee.address})` : attendee.address);
}

function textOf(notice: Notice): NoticeText {
  switch (notice.kind) {
    case 'police.accepted':
      return { title: 'Police accepted the invite', color: 'default', lines: [`Accepted by ${who(notice.attendee)} on ${formatUkDateTimeInWords(notice.at)}.`] };
    case 'police.declined':
      return {
        title: 'Police declined the invite',
        color: 'attention',
        lines: [`Declined by ${who(notice.attendee)} on ${formatUkDateTimeInWords(notice.at)}.`, 'Book the next free slot, or keep this one if you have agreed it with the police.'],
        buttons: [
          { verb: verbs.bookNextSlot, title: 'Book the next slot', data: { bookingId: notice.bookingId } },
          { verb: verbs.keepSlot, title: 'Keep this slot', data: { bookingId: notice.bookingId } },
        ],
      };
    case 'police.noAnswer':
      return {
        title: 'No answer from the police yet',
        color: 'attention',
        lines: [
          `The strategy discussion is on ${formatUkDateTimeInWords(notice.start)}, and the police have not accepted the invite.`,
          ...(notice.tentative.length > 0 ? [`Tentative: ${notice.tentative.map(who).join('; ')}.`] : []),
          'Phone the police referral unit to check someone will join.',
        ],
      };
    case 'booking.movedByHand':
      return {
        title: 'Booking changed in Outlook',
        color: 'default',
        lines: [`Someone changed the event in the shared calendar. The strategy discussion is now ${formatSlotInWords(notice)}.`, 'Strategy Desk follows the calendar: check the new time suits everyone.'],
      };
    case 'booking.deletedByHand':
      return {
        title: 'Booking deleted in Outlook',
        color: 'attention',
        lines: ['Someone deleted the event from the shared calendar, so the slot is free again.', 'If the discussion is still needed, request a new one.'],
        buttons: [{ verb: verbs.openRequest, title: 'Request a strategy discussion', data: {} }],
      };
    case 'urgent.escalate':
      return {
        title: 'Urgent: police have not called',
        color: 'attention',
        lines: [notice.contacts.length > 0 ? 'No police contact has been recorded in time. Call these in order:' : 'No police contact has been recorded in time.'],
        contacts: notice.contacts.map((c) => ({ label: inertText(c.label), name: inertText(c.name), phone: inertText(c.phone) })),
        notes: notice.contacts.length > 0 ? [] : ['No escalation contacts are set up for this level: call your MASH service manager.'],
        buttons: [
          { verb: verbs.urgentNotReached, title: 'Could not reach the DS', data: { requestId: notice.requestId, level: notice.level } },
          { verb: verbs.policeMadeContact, title: 'Police made contact', data: { requestId: notice.requestId } },
        ],
      };
    case 'discussion.running-late':
      return {
        title: 'The discussion before yours is running late',
        color: 'attention',
        lines: [`Your strategy discussion on ${formatUkDateTimeInWords(notice.start)} is likely to start about ${notice.delayMinutes} minutes late.`],
      };
    case 'deadline.reminder':
      return { title: `Reminder: ${inertText(notice.clock)}`, color: 'default', lines: [`Due by ${formatUkDateTimeInWords(notice.due)}.`] };
    case 'deadline.overdue':
      return { title: `Overdue: ${inertText(notice.clock)}`, color: 'attention', lines: [`It was due by ${formatUkDateTimeInWords(notice.due)}.`] };
  }
}

/**
 * The short card a person gets in their personal chat when the desk tells them something while
 * nobody is typing: what happened to which case (by N number only - a notice never carries a
 * child's name), in en-GB words and UK time, with the buttons that answer it. The police declined
 * notice offers Book the next slot and Keep this slot; the urgent escalation lists the contacts to
 * call and offers Could not reach the DS and Police made contact.
 * Rule: issue 8 items 3 and 4; DOMAIN.md "URGENT (live section 47)".
 * @example
 * deskNoticeCard({ kind: 'police.accepted', nNumbers: ['N146782'], attendee: { address: 'pru@police.example' }, at, ... })
 * // 'Police accepted the invite', 'Case: N146782', 'Accepted by pru@police.example on Tuesday 24 November 2026, 14:02.'
 */
export function deskNoticeCard(notice: Notice): AdaptiveCard {
  const text = textOf(notice);
  return expandCard(template, {
    title: text.title,
    color: text.color,
    nNumbers: inertText(notice.nNumbers.join(', ')),
    lines: text.lines,
    contacts: text.contacts ?? [],
    notes: text.notes ?? [],
    buttons: (text.buttons ?? []).map((b) => ({ ...b, submitData: { verb: b.verb, ...b.data } })),
  });
}
