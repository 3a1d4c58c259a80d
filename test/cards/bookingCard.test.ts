import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { bookingCard } from '../../cards/bookingCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { actionTitles, booking, elementsOfType, request } from './cardFixtures.js';

const settings = { slotMinutes: 15, policeAddress: 'police.referral.unit@example.org', joinDetails: 'Dial 0203 4639741, passcode 76 52 87 15 then #' };

describe('bookingCard', () => {
  it('gives the slot in plain en-GB words, the N numbers and the status', () => {
    const { text } = assertValidCard(bookingCard({ booking, request, audience: 'personal', ...settings }));
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect(text).toContain('N146782, N146783');
    expect(text).toContain('Invite sent - awaiting police');
  });

  it('offers Show agenda, Need a longer slot and Cancel... (last, not filled in red) on the booking', () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings });
    expect(actionTitles(card)).toEqual(['Show agenda', 'Need a longer slot', 'Cancel...']);
    const executes = elementsOfType(card, 'Action.Execute');
    expect(executes.map((a) => a.verb)).toEqual(['strategy.agenda', 'strategy.longer', 'strategy.cancel']);
    expect(executes.map((a) => a.style)).toEqual([undefined, undefined, undefined]);
    for (const action of executes) expect(action.data).toEqual({ bookingId: 'bk-1' });
  });

  it('says who booked it, the number the police will ring, who is invited and how to join', () => {
    const card = bookingCard({ booking, request: { ...request, invitees: ['health.lead@nhs.example'] }, audience: 'shared', ...settings });
    const { text } = assertValidCard(card);
    expect(text).toContain(`${request.managerName} (${request.managerRole})`);
    expect(text).toContain(request.managerPhone);
    expect(text).toContain('police.referral.unit@example.org; health.lead@nhs.example');
    expect(text).toContain('Dial 0203 4639741, passcode 76 52 87 15 then #');
    expect(text).not.toContain('Conference:');
  });

  it('offers Add to my calendar, by N number only, when the manager is not on the invite', () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings });
    assertValidCard(card);
    const [add] = elementsOfType(card, 'Action.OpenUrl');
    expect(add?.title).toBe('Add to my calendar');
    const url = new URL(String(add?.url));
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('subject')).toBe('Strategy discussion N146782, N146783');
    expect(url.searchParams.get('startdt')).toBe('2026-11-25T10:15:00Z');
    expect(url.searchParams.get('enddt')).toBe('2026-11-25T10:30:00Z');
    expect(url.searchParams.get('location')).toBe(settings.joinDetails);
    expect(String(add?.url)).not.toContain('Zanzibarova');
  });

  it('says the manager is on the invite, and offers no second copy, when they are', () => {
    const card = bookingCard({ booking, request: { ...request, managerEmail: 'a.jones@council.example' }, audience: 'personal', ...settings });
    expect(assertValidCard(card).text).toContain('Invited: you (a.jones@council.example); police.referral.unit@example.org');
    expect(elementsOfType(card, 'Action.OpenUrl')).toEqual([]);
  });

  it('offers Join for a Teams meeting', () => {
    const card = bookingCard({ booking: { ...booking, joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0' }, request: { ...request, managerEmail: 'a.jones@council.example' }, audience: 'personal', ...settings });
    assertValidCard(card);
    expect(elementsOfType(card, 'Action.OpenUrl').map((a) => [a.title, a.url])).toEqual([['Join the Teams meeting', 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0']]);
  });

  it('offers neither on a cancelled booking', () => {
    const card = bookingCard({ booking: { ...booking, status: 'cancelled', joinUrl: 'https://teams.microsoft.com/l/meetup-join/x' }, request, audience: 'personal', ...settings });
    expect(elementsOfType(card, 'Action.OpenUrl')).toEqual([]);
  });

  it('shows the status as a badge with a symbol, not colour alone', () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings });
    const badge = elementsOfType(card, 'RichTextBlock').find((c) => c.id === 'statusBadge');
    expect(elementsOfType(badge, 'TextRun').map((r) => r.text)).toEqual(['\u23F3 ', 'Invite sent - awaiting police']);
  });

  it('asks before cancelling: the question, Yes, cancel it and No, keep it, and nothing else to press', () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings, confirmCancel: true });
    expect(assertValidCard(card).text).toContain('Cancel this strategy discussion?');
    expect(actionTitles(card)).toEqual(['Yes, cancel it', 'No, keep it']);
    expect(elementsOfType(card, 'Action.Execute').map((a) => a.verb)).toEqual(['strategy.cancel.confirm', 'strategy.show']);
  });

  it('shows the question without the facts around it (the facts rows are bound to their own data, not the root)', () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings, confirmCancel: true });
    const text = assertValidCard(card).text;
    expect(text).not.toContain('Booked by');
    expect(text).not.toContain('Police will ring');
  });

  it('does not offer a longer slot on a booking that already has one', () => {
    const longer = { ...booking, end: new Date('2026-11-25T10:45:00Z') };
    const card = bookingCard({ booking: longer, request, audience: 'personal', ...settings });
    expect(actionTitles(card)).toEqual(['Show agenda', 'Cancel...']);
    expect(assertValidCard(card).text).toContain('10:15-10:45');
  });

  it('says how a moved booking came about, whoever draws it: extended in place, moved to a longer slot, or moved to the next free slot', () => {
    const at = (start: string, end: string) => ({ start: new Date(`2026-11-25T${start}:00Z`), end: new Date(`2026-11-25T${end}:00Z`) });
    const titleOf = (slot: { start: Date; end: Date }, replaced?: { start: Date; end: Date }) =>
      assertValidCard(bookingCard({ booking: { ...booking, ...slot }, request, audience: 'personal', ...settings, ...(replaced ? { replaced } : {}) })).text;
    expect(titleOf(at('10:15', '10:45'), at('10:15', '10:30'))).toContain('Extended to a longer slot');
    expect(titleOf(at('10:30', '11:00'), at('10:15', '10:30'))).toContain('Moved to a longer slot');
    expect(titleOf(at('10:30', '10:45'), at('10:15', '10:30'))).toContain('Moved to the next free slot');
    expect(titleOf(at('10:15', '10:30'))).toContain('Strategy discussion booked');
    expect(assertValidCard(bookingCard({ booking, request, audience: 'personal', ...settings, replaced: at('10:00', '10:15'), title: 'Slot kept' })).text).toContain('Slot kept');
  });

  it("names the children's surname in the requester's personal chat", () => {
    const card = bookingCard({ booking, request, audience: 'personal', ...settings });
    expect(surnamesOnCard(card, request.childSurnames)).toEqual(['Zanzibarova']);
  });

  it('names the case by N number only in a group chat or channel', () => {
    const card = bookingCard({ booking, request, audience: 'shared', ...settings });
    expect(surnamesOnCard(card, request.childSurnames)).toEqual([]);
    expect(assertValidCard(card).text).toContain('N146782');
  });

  it('renders a surname that looks like markup as plain text', () => {
    const card = bookingCard({ booking, request: { ...request, childSurnames: '**Bond** [x](http://x)' }, audience: 'personal', ...settings });
    const rendered = assertValidCard(card);
    expect(rendered.element.querySelectorAll('strong, em, a').length).toBe(0);
    expect(rendered.text).toContain('**Bond** [x](http://x)');
  });

  it('says the police email is pending, not sent, when it has not gone yet', () => {
    const { text } = assertValidCard(bookingCard({ booking, request, audience: 'personal', ...settings, policeEmail: 'pending' }));
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect(text).toContain('Police email not sent yet: it goes out in a moment');
    expect(text).not.toContain('the request by email');
  });

  it('says the police email is being checked by a person when nobody can tell whether it went', () => {
    const { text } = assertValidCard(bookingCard({ booking, request, audience: 'personal', ...settings, policeEmail: 'needs-checking' }));
    expect(text).toContain('Police email not confirmed');
    expect(text).not.toContain('the request by email');
  });

  it('says nothing about the police email once it has gone', () => {
    const { text } = assertValidCard(bookingCard({ booking, request, audience: 'personal', ...settings, policeEmail: 'sent' }));
    expect(text).not.toContain('Police email');
    expect(text).toContain('the request by email');
  });

  describe('with the replies to the invite', () => {
    const ds = { address: 'ds.smith@police.example.org', name: 'DS Smith', type: 'optional' as const, response: 'accepted' as const, respondedAt: new Date('2026-11-24T14:02:00Z'), police: true };
    const unit = { address: 'police.referral.unit@example.org', type: 'required' as const, response: 'none' as const, police: true };
    const nurse = { address: 'nurse@health.example.org', type: 'required' as const, response: 'accepted' as const, respondedAt: new Date('2026-11-24T09:00:00Z'), police: false };

    it('says who accepted for the police and when, in UK time, and lists every answer', () => {
      const { text } = assertValidCard(bookingCard({ booking, request, audience: 'shared', ...settings, replies: [unit, ds, nurse] }));
      expect(text).toContain('Accepted by DS Smith (ds.smith@police.example.org) at 14:02');
      expect(text).not.toContain('awaiting police');
      expect(text).toContain('Replies to the invite');
      expect(text).toContain('Accepted by nurse@health.example.org, Tuesday 24 November 2026, 09:00');
    });

    it('gives the time of a summer reply in BST', () => {
      const summer = { ...ds, respondedAt: new Date('2026-06-03T13:02:00Z') };
      expect(assertValidCard(bookingCard({ booking, request, audience: 'shared', ...settings, replies: [summer] })).text).toContain('at 14:02');
    });

    it('says the police declined, and still awaits them when only others answered', () => {
      const declined = { ...unit, response: 'declined' as const, respondedAt: new Date('2026-11-24T10:30:00Z') };
      expect(assertValidCard(bookingCard({ booking, request, audience: 'shared', ...settings, replies: [declined] })).text).toContain('Declined by police.referral.unit@example.org at 10:30');
      expect(assertValidCard(bookingCard({ booking, request, audience: 'shared', ...settings, replies: [unit, nurse] })).text).toContain('Invite sent - awaiting police');
    });

    it('lists no replies on a cancelled booking', () => {
      const { text } = assertValidCard(bookingCard({ booking: { ...booking, status: 'cancelled' }, request, audience: 'shared', ...settings, replies: [ds] }));
      expect(text).not.toContain('DS Smith');
    });
  });
});
