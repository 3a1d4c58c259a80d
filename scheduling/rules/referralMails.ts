import type { Mail } from '../model/Mail.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import { agenda } from './agenda.js';
import { roleTitles } from './calendarSubject.js';
import { conferenceName } from './conferenceName.js';
import type { Slot } from '../model/Interval.js';
import { formatSlotInWords, formatUkDateTimeInWords } from './formatUkDateTime.js';
import { urgentCriteria } from '../model/UrgentCriterion.js';

function requestLines(request: StoredRequest): string[] {
  return [
    `Child ID (N number): ${request.nNumbers.join(', ')}`,
    `Children's surname(s): ${request.childSurnames}`,
    `Referral received: ${formatUkDateTimeInWords(request.referredAt)}`,
    `Requested by: ${request.managerName}, ${roleTitles[request.managerRole]}, phone ${request.managerPhone}${request.managerEmail ? `, ${request.managerEmail}` : ''}`,
    ...(request.reason ? ['', 'Reason for the strategy discussion:', request.reason] : []),
    ...(request.invitees.length ? ['', `Other professionals invited: ${request.invitees.join(', ')}`] : []),
  ];
}

/**
 * The email to the police referral unit for a rota booking, subject `Strategy discussion`.
 * Rule: DOMAIN.md "The booking" ("also emailed to the police referral unit").
 */
export function strategyDiscussionMail(request: StoredRequest, slot: Slot, to: string, joinDetails: string): Mail {
  return {
    to: [to],
    subject: 'Strategy discussion',
    body: [
      'A strategy discussion has been booked in the Strategy Meeting calendar.',
      '',
      `When: ${formatSlotInWords(slot)} (UK time)`,
      `Conference: ${conferenceName(request.nNumbers)}`,
      joinDetails,
      '',
      ...requestLines(request),
    ].join('\n'),
  };
}

/**
 * The email to the police referral unit for an urgent request (live section 47), subject
 * `URGENT S47 ENQUIRY`: police should phone the manager within one hour.
 * Rule: DOMAIN.md "URGENT (live section 47)".
 */
export function urgentEnquiryMail(request: StoredRequest, to: string): Mail {
  const labels = urgentCriteria.filter((c) => request.urgent.includes(c.id)).map((c) => `- ${c.label}`);
  return {
    to: [to],
    subject: 'URGENT S47 ENQUIRY',
    body: [
      'Urgent strategy discussion request (live section 47 enquiry).',
      `Please phone ${request.managerName} on ${request.managerPhone} within one hour.`,
      '',
      'Urgent because:',
      ...labels,
      '',
      ...requestLines(request),
    ].join('\n'),
  };
}

/**
 * The body of the calendar appointment: when, the conference name, joining details, the agenda.
 * No children's names: the invite goes to every attendee's mailbox and the conference is named by N number.
 */
export function appointmentBody(request: StoredRequest, slot: Slot, joinDetails: string): string {
  return [
    `Strategy discussion - conference ${conferenceName(request.nNumbers)}`,
    `${formatSlotInWords(slot)} (UK time)`,
    joinDetails,
    `Chair: ${request.managerName}, ${roleTitles[request.managerRole]} (${request.managerPhone})`,
    '',
    'Agenda',
    ...agenda.map((item, i) => `${i + 1}. ${item}`),
  ].join('\n');
}
