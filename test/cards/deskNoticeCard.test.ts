import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { deskNoticeCard } from '../../cards/deskNoticeCard.js';
import type { Notice } from '../../scheduling/model/Notice.js';
import { actionTitles, elementsOfType } from './cardFixtures.js';

const ids = { requestId: 'req-1', bookingId: 'bk-1', nNumbers: ['N146782', 'N146783'] };
const ds = { address: 'ds.smith@police.example.org', name: 'DS Smith' };
const at = new Date('2026-11-24T14:02:00Z'); // Tuesday, GMT
const contacts = [
  { label: 'Duty DS', name: 'DS One', phone: '01604 111111' },
  { label: 'Second duty DS', name: 'DS Two', phone: '01604 222222' },
];

const every: Notice[] = [
  { kind: 'police.accepted', ...ids, attendee: ds, at },
  { kind: 'police.declined', ...ids, attendee: ds, at },
  { kind: 'police.noAnswer', ...ids, start: new Date('2026-11-25T10:15:00Z'), tentative: [ds] },
  { kind: 'booking.movedByHand', ...ids, start: new Date('2026-11-25T10:30:00Z'), end: new Date('2026-11-25T10:45:00Z') },
  { kind: 'booking.deletedByHand', ...ids },
  { kind: 'urgent.escalate', requestId: 'req-1', nNumbers: ['N146782'], level: 1, contacts },
  { kind: 'deadline.reminder', requestId: 'req-1', nNumbers: ['N146782'], clock: 'record circulated', due: at },
  { kind: 'deadline.overdue', requestId: 'req-1', nNumbers: ['N146782'], clock: 'record circulated', due: at },
  { kind: 'discussion.running-late', ...ids, start: new Date('2026-11-25T10:15:00Z'), delayMinutes: 10 },
];

describe('deskNoticeCard', () => {
  it.each(every.map((n) => [n.kind, n] as const))('renders %s as a valid card naming the case by N number', (_kind, notice) => {
    const { text } = assertValidCard(deskNoticeCard(notice));
    expect(text).toContain('N146782');
  });

  it('tells the next slot the discussion before it runs late, with the likely delay', () => {
    const { text } = assertValidCard(deskNoticeCard(every[8]!));
    expect(text).toContain('The discussion before yours is running late');
    expect(text).toContain('Your strategy discussion on Wednesday 25 November 2026, 10:15 is likely to start about 10 minutes late.');
  });

  it('says who accepted and when, in UK time', () => {
    const { text } = assertValidCard(deskNoticeCard(every[0]!));
    expect(text).toContain('Police accepted the invite');
    expect(text).toContain('Accepted by DS Smith (ds.smith@police.example.org) on Tuesday 24 November 2026, 14:02.');
    const summer = assertValidCard(deskNoticeCard({ kind: 'police.accepted', ...ids, attendee: { address: 'pru@police.example.org' }, at: new Date('2026-06-03T13:02:00Z') })).text;
    expect(summer).toContain('Accepted by pru@police.example.org on Wednesday 3 June 2026, 14:02.'); // BST
  });

  it('offers Book the next slot and Keep this slot when the police decline, each with the booking id', () => {
    const card = deskNoticeCard(every[1]!);
    expect(actionTitles(card)).toEqual(['Book the next slot', 'Keep this slot']);
    const executes = elementsOfType(card, 'Action.Execute');
    expect(executes.map((a) => [a.verb, a.data])).toEqual([
      ['booking.bookNext', { bookingId: 'bk-1' }],
      ['booking.keep', { bookingId: 'bk-1' }],
    ]);
    // Clients without Universal Actions send the fallback's data: the verb rides with it.
    expect(elementsOfType(card, 'Action.Submit').map((a) => a.data)).toEqual([
      { verb: 'booking.bookNext', bookingId: 'bk-1' },
      { verb: 'booking.keep', bookingId: 'bk-1' },
    ]);
  });

  it('lists the escalation contacts in order and offers Could not reach the DS with the level', () => {
    const card = deskNoticeCard(every[5]!);
    const { text } = assertValidCard(card);
    expect(text).toContain('Duty DS: DS One, 01604 111111');
    expect(text.indexOf('DS One')).toBeLessThan(text.indexOf('DS Two'));
    expect(elementsOfType(card, 'Action.Execute').map((a) => [a.verb, a.data])).toEqual([
      ['urgent.notReached', { requestId: 'req-1', level: 1 }],
      ['strategy.police-contact', { requestId: 'req-1' }],
    ]);
  });

  it('says what to do when a level has no contacts, rather than an empty list', () => {
    const { text } = assertValidCard(deskNoticeCard({ kind: 'urgent.escalate', requestId: 'req-1', nNumbers: ['N146782'], level: 2, contacts: [] }));
    expect(text).toContain('call your MASH service manager');
  });

  it('keeps text that others typed inert', () => {
    const card = deskNoticeCard({ kind: 'police.accepted', ...ids, attendee: { address: 'x@police.example.org', name: '${managerName}' }, at });
    expect(assertValidCard(card).text).toContain('$\u200B{managerName}');
  });
});
