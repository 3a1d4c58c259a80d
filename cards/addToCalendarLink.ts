/** Outlook on the web's page that opens a new event, filled in, in the signed-in person's own calendar. */
const composeEvent = 'https://outlook.office.com/calendar/0/deeplink/compose';

export interface CalendarLinkInput {
  readonly nNumbers: readonly string[];
  readonly start: Date;
  readonly end: Date;
  /** How to join (the conference line), put in the event's location. */
  readonly joinDetails: string;
}

/**
 * *Add to my calendar* for a manager who is not on the invite: a link that opens a new Outlook
 * event filled with the slot (UTC, so Outlook shows it in the reader's own time zone), the case by
 * N number only (the link leaves Teams: browser history, proxies), and the joining details.
 * @example
 * addToCalendarLink({ nNumbers: ['N146782'], start: 10:15Z, end: 10:30Z, joinDetails: 'Dial ...' })
 * //=> 'https://outlook.office.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&subject=Strategy+discussion+N146782&startdt=2026-11-25T10%3A15%3A00Z&...'
 */
export function addToCalendarLink(input: CalendarLinkInput): string {
  const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const query = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: `Strategy discussion ${input.nNumbers.join(', ')}`,
    startdt: utc(input.start),
    enddt: utc(input.end),
    location: input.joinDetails,
    body: `Strategy discussion for ${input.nNumbers.join(', ')}. The invite was sent from the Strategy Meeting calendar; Strategy Desk in Teams has the booking's card.`,
  });
  return `${composeEvent}?${query.toString()}`;
}
