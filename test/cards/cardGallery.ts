import { agendaCard } from '../../cards/agendaCard.js';
import type { AdaptiveCard } from '../../cards/AdaptiveCard.js';
import { bookingCard } from '../../cards/bookingCard.js';
import { cancelledCard } from '../../cards/cancelledCard.js';
import { deskNoticeCard } from '../../cards/deskNoticeCard.js';
import { helpCard } from '../../cards/helpCard.js';
import { myBookingsCard } from '../../cards/myBookingsCard.js';
import { myDeadlinesCard } from '../../cards/myDeadlinesCard.js';
import { urgentCard } from '../../cards/urgentCard.js';
import { urgentConfirmCard } from '../../cards/urgentConfirmCard.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { commands } from '../../bot/commands.js';
import { booking, request } from './cardFixtures.js';

const settings = { slotMinutes: 15, policeAddress: 'pvp.referral.unit@police.example.org', joinDetails: 'Dial 0203 4639741, passcode 76 52 87 15 then #' };
const invited = { ...request, invitees: ['health.lead@nhs.example.org', 'school.dsl@school.example.org'] };
const urgentRequest = { ...request, route: 'urgent' as const, urgent: ['home-alone' as const, 'missing' as const] };
const contacts = [
  { label: 'Duty DS', name: 'DS Sue Robb', phone: '101 ext 345458', level: 1 },
  { label: 'Duty DS', name: 'DS Vashti Berry', phone: '101 ext 343260', level: 1 },
  { label: 'Admin support', name: 'Police admin support', phone: '101 ext 347355', level: 2 },
];
const sent = { sentAt: new Date('2026-11-25T14:02:00Z'), policeContactDue: new Date('2026-11-25T15:02:00Z') };
const replies = [
  { type: 'required' as const, address: 'pvp.referral.unit@police.example.org', name: 'DS Smith', response: 'accepted' as const, police: true, respondedAt: new Date('2026-11-23T14:02:00Z') },
  { type: 'optional' as const, address: 'health.lead@nhs.example.org', name: 'Health lead', response: 'tentativelyAccepted' as const, police: false, respondedAt: new Date('2026-11-23T15:10:00Z') },
];
const ids = { requestId: 'req-1', bookingId: 'bk-1', nNumbers: ['N146782', 'N146783'] };
const later = (days: number) => ({ ...booking, id: `bk-${days}`, start: new Date(booking.start.getTime() + days * 86_400_000), end: new Date(booking.end.getTime() + days * 86_400_000) });

/**
 * Every card the bot sends a manager (but the request form), filled as a busy day fills them: the
 * gallery the card checks run over (rendered height in Chromium, screenshots for the README).
 */
export const cardGallery: ReadonlyArray<{ readonly name: string; readonly card: AdaptiveCard }> = [
  { name: 'booking', card: bookingCard({ booking, request: invited, audience: 'personal', ...settings }) },
  { name: 'booking-accepted', card: bookingCard({ booking, request: invited, audience: 'personal', ...settings, replies }) },
  { name: 'booking-email-pending', card: bookingCard({ booking, request: invited, audience: 'shared', ...settings, policeEmail: 'needs-checking' }) },
  { name: 'booking-confirm-cancel', card: bookingCard({ booking, request: invited, audience: 'personal', ...settings, confirmCancel: true }) },
  { name: 'cancelled', card: cancelledCard({ booking: { ...booking, status: 'cancelled' }, request, audience: 'personal' }) },
  { name: 'agenda', card: agendaCard({ booking, request }) },
  { name: 'urgent-sent', card: urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal' }) },
  { name: 'urgent-escalated', card: urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal', escalation: { since: sent.policeContactDue, level: 1, contacts: contacts.slice(0, 2), lastLevel: false } }) },
  { name: 'urgent-contacted', card: urgentCard({ request: { ...urgentRequest, policeContactAt: new Date('2026-11-25T14:20:00Z') }, ...sent, contacts, audience: 'personal' }) },
  {
    name: 'urgent-confirm',
    card: urgentConfirmCard({ requestKey: 'k1', values: { nNumbers: 'N146782', urgent: 'home-alone,missing' }, request: { ...urgentRequest, referredAt: new Date('2026-11-25T13:20:00Z') }, audience: 'personal' }),
  },
  { name: 'my-bookings', card: myBookingsCard({ bookings: [0, 2, 5].map((d) => ({ booking: later(d), request })), audience: 'personal' }) },
  {
    name: 'my-deadlines',
    card: myDeadlinesCard({
      deadlines: [
        { kind: 'minutes', due: new Date('2026-11-26T10:15:00Z'), nNumbers: ['N146782'] },
        { kind: 's47-outcome', due: new Date('2026-11-30T17:00:00Z'), nNumbers: ['N146782'] },
        { kind: 'conference', due: new Date('2026-12-16T17:00:00Z'), nNumbers: ['N146782'] },
      ],
      now: new Date('2026-11-25T11:00:00Z'),
    }),
  },
  { name: 'notice-declined', card: deskNoticeCard({ kind: 'police.declined', ...ids, attendee: { address: 'ds.smith@police.example.org', name: 'DS Smith' }, at: sent.sentAt }) },
  { name: 'notice-escalate', card: deskNoticeCard({ kind: 'urgent.escalate', requestId: 'req-1', nNumbers: ['N146782'], level: 1, contacts }) },
  { name: 'help', card: helpCard({ commands, notRecognised: false, shared: true }) },
  { name: 'welcome', card: welcomeCard({ commands, shared: true }) },
];
