import { describe, expect, it } from 'vitest';
import { agendaCard } from '../../cards/agendaCard.js';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { bookingInProgressCard } from '../../cards/bookingInProgressCard.js';
import { cancelledCard } from '../../cards/cancelledCard.js';
import { errorCard } from '../../cards/errorCard.js';
import { helpCard } from '../../cards/helpCard.js';
import { maxListedBookings, myBookingsCard } from '../../cards/myBookingsCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { agenda } from '../../scheduling/rules/agenda.js';
import { actionTitles, booking, elementsOfType, request } from './cardFixtures.js';

const commands = [
  { title: 'book', description: 'Request a strategy discussion' },
  { title: 'cancel N146782', description: 'Cancel your booking for that case' },
];

describe('welcomeCard', () => {
  it('introduces the bot, lists the commands and opens a request', () => {
    const card = welcomeCard({ commands });
    const { text } = assertValidCard(card);
    expect(text).toContain('Strategy Desk');
    expect(text).toContain('cancel N146782');
    expect(elementsOfType(card, 'Action.Execute')[0]?.verb).toBe('strategy.open');
  });
});

describe('helpCard', () => {
  it('says when a message was not recognised', () => {
    expect(assertValidCard(helpCard({ commands, notRecognised: true })).text).toContain('I did not recognise that message.');
    expect(assertValidCard(helpCard({ commands, notRecognised: false })).text).not.toContain('did not recognise');
  });
});

describe('myBookingsCard', () => {
  const second = { ...booking, id: 'bk-2', start: new Date('2026-11-27T10:00:00Z'), end: new Date('2026-11-27T10:15:00Z') };

  it('lists each booking with its slot and a Cancel button for it', () => {
    const card = myBookingsCard({ bookings: [{ booking, request }, { booking: second, request }], audience: 'personal' });
    const { text } = assertValidCard(card);
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect(text).toContain('Friday 27 November 2026, 10:00-10:15');
    const cancels = elementsOfType(card, 'Action.Execute').filter((a) => a.verb === 'strategy.cancel');
    expect(cancels.map((a) => a.data)).toEqual([{ bookingId: 'bk-1' }, { bookingId: 'bk-2' }]);
  });

  it('says the status in the same words as the booking card', () => {
    const { text } = assertValidCard(myBookingsCard({ bookings: [{ booking, request }], audience: 'personal' }));
    expect(text).toContain('Invite sent - awaiting police');
  });

  it('says so when there is nothing booked', () => {
    expect(assertValidCard(myBookingsCard({ bookings: [], audience: 'personal' })).text).toContain('You have no strategy discussions booked');
  });

  it('in a group chat or channel, never says the person has nothing booked: only what is posted there is listed, and the personal chat lists the rest', () => {
    const empty = assertValidCard(myBookingsCard({ bookings: [], audience: 'shared' })).text;
    expect(empty).not.toContain('You have no strategy discussions booked');
    expect(empty).toContain('None of your strategy discussions from now on has its card in this conversation.');
    expect(empty).toContain('Type my bookings in your personal chat with me to see all of them.');
    const listed = assertValidCard(myBookingsCard({ bookings: [{ booking, request }], audience: 'shared' })).text;
    expect(listed).toContain('Only those whose card is in this conversation are listed here.');
    expect(assertValidCard(myBookingsCard({ bookings: [{ booking, request }], audience: 'personal' })).text).not.toContain('this conversation');
  });

  it('stays under 28 KB with a long list, and says how many more there are', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ booking: { ...booking, id: `bk-${i}` }, request: { ...request, childSurnames: 'Ö'.repeat(100) } }));
    const { text } = assertValidCard(myBookingsCard({ bookings: many, audience: 'personal' }));
    expect(text).toContain(`and ${40 - maxListedBookings} more`);
  });

  it('names cases by N number only outside the personal chat', () => {
    expect(surnamesOnCard(myBookingsCard({ bookings: [{ booking, request }], audience: 'shared' }), request.childSurnames)).toEqual([]);
  });
});

describe('agendaCard', () => {
  it('walks through the eight agenda items, numbered, for the booked slot', () => {
    const { text } = assertValidCard(agendaCard({ booking, request }));
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect(text).toContain(`1.${agenda[0]}`);
    expect(text).toContain(`8.${agenda[7]}`);
  });

  it('never names the children, wherever it is posted', () => {
    expect(surnamesOnCard(agendaCard({ booking, request }), request.childSurnames)).toEqual([]);
  });

  it('posted with the action plan, gives its meeting and says where the notes of each item go', () => {
    const { text } = assertValidCard(agendaCard({ meeting: { start: new Date('2026-11-24T14:30:00Z'), venue: 'dial-in' }, request }));
    expect(text).toContain('Tuesday 24 November 2026, 14:30 - dial-in');
    expect(text).toContain(`8.${agenda[7]}`);
    expect(text).toContain('Record what is said under each item on the action plan below');
    expect(assertValidCard(agendaCard({ booking, request })).text).not.toContain('action plan below');
  });
});

describe('cancelledCard', () => {
  it('says which discussion was cancelled and offers a new request', () => {
    const card = cancelledCard({ booking, request, audience: 'shared' });
    const { text } = assertValidCard(card);
    expect(text).toContain('Strategy discussion cancelled');
    expect(text).toContain('Wednesday 25 November 2026, 10:15-10:30');
    expect(surnamesOnCard(card, request.childSurnames)).toEqual([]);
    expect(actionTitles(card)).toEqual(['Request a new discussion']);
  });
});

describe('bookingInProgressCard', () => {
  it('says the booking is under way, for the case by N number, with no buttons', () => {
    const card = bookingInProgressCard({ nNumbers: ['N146782'] });
    const { text } = assertValidCard(card);
    expect(text).toContain('Booking...');
    expect(text).toContain('N146782');
    expect(actionTitles(card)).toEqual([]);
  });
});

describe('errorCard', () => {
  it('shows the problem and can offer a new request', () => {
    const card = errorCard({ title: 'No free slot', lines: ['No conference slot is free.'], offerRequest: true });
    expect(assertValidCard(card).text).toContain('No conference slot is free.');
    expect(actionTitles(card)).toEqual(['Request a strategy discussion']);
    expect(actionTitles(errorCard({ title: 'x', lines: [] }))).toEqual([]);
  });
});
