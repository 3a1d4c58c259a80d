import type { DiscussionPlan } from '../model/DiscussionPlan.js';
import type { Mail, MailAttachment } from '../model/Mail.js';
import { formatUkDateTimeInWords } from './formatUkDateTime.js';

/**
 * Where the record goes: the email of every agency in attendance (attendees who attended, not
 * only consulted, with an email), once each whatever the case.
 * Rule: seed 003 ("a copy should be provided to all participating agencies at the conclusion of
 * the meeting"); issue 9 "Finalise".
 * @example
 * attendingAgencyEmails(plan) //=> ['dc.patel@police.example', 'hv@nhs.example']
 */
export function attendingAgencyEmails(plan: Pick<DiscussionPlan, 'attendees'>): string[] {
  const seen = new Map<string, string>();
  for (const a of plan.attendees) {
    if (a.consulted || !a.email) continue;
    const key = a.email.trim().toLowerCase();
    if (!seen.has(key)) seen.set(key, a.email.trim());
  }
  return [...seen.values()];
}

/**
 * The email that carries the discussion's record to the attending agencies: the action plan
 * summary "at the conclusion" of the discussion (`summary`), or the full record (`record`). Named
 * by N number only (subject and body): the attached document holds the record.
 * @example
 * planMail(plan, 'summary', ['hv@nhs.example'], attachment).subject //=> 'Strategy discussion N146782: action plan summary'
 */
export function planMail(plan: DiscussionPlan, kind: 'summary' | 'record', to: readonly string[], attachment: MailAttachment): Mail {
  const cases = plan.nNumbers.join(', ');
  const what = kind === 'summary' ? 'action plan summary' : 'record of the discussion';
  const body =
    kind === 'summary'
      ? `The action plan agreed at the strategy discussion for ${cases} on ${formatUkDateTimeInWords(plan.meeting.start)} is attached, for your agency's records.\n\nThe full record of the discussion follows.`
      : `The record of the strategy discussion for ${cases} on ${formatUkDateTimeInWords(plan.meeting.start)} is attached, for your agency's records.`;
  return { to: [...to], subject: `Strategy discussion ${cases}: ${what}`, body, attachments: [attachment] };
}
