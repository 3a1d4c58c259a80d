import { describe, expect, it } from 'vitest';
import { bookingIdPropertyId } from '../../../scheduling/adapters/graph/bookingIdProperty.js';
import type { OpenDesk } from '../../../app/openDesk.js';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { manager, requestInput } from '../../fakes/testDesk.js';
import { openGraphDesk } from '../../fakes/graphDesk.js';

async function book(d: OpenDesk, key: string, change = {}) {
  const outcome = await d.intake.submit(requestInput(change), manager, key);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return outcome.booking;
}

describe('booking through Microsoft Graph', () => {
  it('lets an event typed into the shared calendar in Outlook take its slot', async () => {
    const { fake, desk } = await openGraphDesk();
    fake.addEvent({ subject: 'Police training', start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T10:30:00Z') });
    fake.addEvent({ subject: 'Out of office note', start: new Date('2026-11-25T10:30:00Z'), end: new Date('2026-11-25T11:30:00Z'), showAs: 'free' });
    const booking = await book(desk, 'k1');
    expect(formatLondonIso(booking.start)).toBe('2026-11-25T10:30:00+00:00');
  });

  it('costs one calendar read and one create on the critical path, plus the police email', async () => {
    const { fake, desk } = await openGraphDesk();
    fake.resetCounts();
    await book(desk, 'k1');
    expect(fake.counts).toMatchObject({ calendarView: 1, createEvent: 1, sendMail: 1 });
  });

  it('completes every booking exactly once when Graph answers 429 to 30% of calls', async () => {
    const { fake, desk } = await openGraphDesk({ settings: { throttleRate: 0.3, retryAfterSeconds: 0.01 }, seed: 7 });
    const bookings = await Promise.all(Array.from({ length: 20 }, (_, i) => book(desk, `k${i}`, { nNumbers: `N5${String(i).padStart(5, '0')}` })));
    expect(fake.counts.throttled).toBeGreaterThan(5);
    expect(bookings.every((b) => b.status === 'booked')).toBe(true);
    expect(new Set(bookings.map((b) => b.start.getTime())).size).toBe(20);
    const events = fake.events().filter((e) => !e.isCancelled);
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.extendedProperties[bookingIdPropertyId]))).toEqual(new Set(bookings.map((b) => b.id)));
    expect(fake.sentMail().filter((m) => m.subject === 'Strategy discussion')).toHaveLength(20);
  });

  it('shows the police DS accepting the invite as an invitee would in Outlook', async () => {
    const { fake, desk } = await openGraphDesk();
    const booking = await book(desk, 'k1');
    fake.setAttendeeResponse(booking.eventId!, 'police.referral.unit@example.org', 'accepted');
    const event = await desk.calendar.getEvent(booking.eventId!);
    expect(event?.attendees.find((a) => a.address === 'police.referral.unit@example.org')?.response).toBe('accepted');
  });
});
