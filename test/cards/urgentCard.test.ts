import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { urgentCard } from '../../cards/urgentCard.js';
import { actionTitles, elementById, elementsOfType, request } from './cardFixtures.js';

/** The card's buttons: these, then the urgent card's Record the discussion (always there) and its form's button. */
const withRecord = (...titles: string[]) => [...titles, 'Open the action plan', 'Record the discussion'];

const urgentRequest = { ...request, route: 'urgent' as const, urgent: ['home-alone' as const, 'missing' as const] };
const contacts = [
  { label: 'Duty DS', name: 'DS One', phone: '01604 111111' },
  { label: 'Second duty DS', name: 'DS Two', phone: '01604 222222' },
  { label: 'Admin support', name: 'MASH admin', phone: '01604 333333' },
];
const sent = { sentAt: new Date('2026-11-25T14:02:00Z'), policeContactDue: new Date('2026-11-25T15:02:00Z') }; // GMT

describe('urgentCard', () => {
  it('says when the URGENT S47 ENQUIRY went and by when police should call', () => {
    const { text } = assertValidCard(urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal' }));
    expect(text).toContain('URGENT S47 ENQUIRY sent to the police referral unit at 14:02; police should call you by 15:02');
    expect(text).toContain('Children home alone');
    expect(text).toContain('N146782, N146783');
  });

  it('shows the number the police will ring, and after their call what happens next', () => {
    expect(assertValidCard(urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'shared' })).text).toContain(`Police will ring: ${request.managerPhone}`);
    const called = { ...urgentRequest, policeContactAt: new Date('2026-11-25T14:20:00Z') };
    expect(assertValidCard(urgentCard({ request: called, ...sent, contacts, audience: 'personal' })).text).toContain('Next: the strategy discussion is held with the police now');
  });

  it('uses UK time in summer', () => {
    const summer = { sentAt: new Date('2026-06-03T13:02:00Z'), policeContactDue: new Date('2026-06-03T14:02:00Z') }; // BST
    const { text } = assertValidCard(urgentCard({ request: urgentRequest, ...summer, contacts, audience: 'personal' }));
    expect(text).toContain('at 14:02; police should call you by 15:02');
  });

  it('lists the escalation contacts from configuration in order, with a Police made contact button', () => {
    const card = urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal' });
    const { text } = assertValidCard(card);
    expect(text).toContain('If the police have not called by 15:02');
    expect(text.indexOf('DS One')).toBeLessThan(text.indexOf('DS Two'));
    expect(text.indexOf('DS Two')).toBeLessThan(text.indexOf('MASH admin'));
    expect(text).toContain('01604 333333');
    expect(actionTitles(card)).toEqual(withRecord('Police made contact'));
    expect(elementsOfType(card, 'Action.Execute')[0]).toMatchObject({ verb: 'strategy.police-contact', data: { requestId: 'req-1' } });
  });

  it('says who to call when no contacts are configured', () => {
    const { text } = assertValidCard(urgentCard({ request: urgentRequest, ...sent, contacts: [], audience: 'personal' }));
    expect(text).toContain('No escalation contacts are set up');
  });

  it('shows the recorded police contact and no button once police have called', () => {
    const contacted = { ...urgentRequest, policeContactAt: new Date('2026-11-25T14:20:00Z') };
    const card = urgentCard({ request: contacted, ...sent, contacts, audience: 'personal' });
    const { text } = assertValidCard(card);
    expect(text).toContain('Police made contact at 14:20');
    expect(text).not.toContain('DS One');
    expect(actionTitles(card)).toEqual(withRecord());
  });

  it('offers Undo, saying until when, while a recorded police contact may still be undone', () => {
    const contacted = { ...urgentRequest, policeContactAt: new Date('2026-11-25T14:20:00Z') };
    const card = urgentCard({ request: contacted, ...sent, contacts, audience: 'personal', undoUntil: new Date('2026-11-25T14:35:00Z') });
    assertValidCard(card);
    expect(actionTitles(card)).toEqual(withRecord('Undo: police have not called (until 14:35)'));
    expect(elementsOfType(card, 'Action.Execute')[0]).toMatchObject({ verb: 'strategy.police-contact.undo', data: { requestId: 'req-1' } });
  });

  it('names the case by N number only outside the personal chat', () => {
    const shared = urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'shared' });
    expect(surnamesOnCard(shared, request.childSurnames)).toEqual([]);
    expect(surnamesOnCard(urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal' }), request.childSurnames)).toEqual(['Zanzibarova']);
  });

  it('never says the URGENT S47 ENQUIRY was sent while it is pending', () => {
    const pending = { email: 'pending' as const, policeContactDue: new Date('2026-11-25T15:02:00Z') };
    const card = urgentCard({ request: urgentRequest, ...pending, contacts, audience: 'personal' });
    const { text } = assertValidCard(card);
    expect(text).not.toMatch(/\bsent\b|\btold\b/);
    expect(text).toContain('URGENT S47 ENQUIRY email pending');
    expect(text).toContain('15:02');
    expect(text).toContain('DS One'); // the escalation contacts are there to call
    expect(actionTitles(card)).toEqual(withRecord('Police made contact'));
  });

  it('says a person is checking an URGENT S47 ENQUIRY that may not have gone, and to phone the police', () => {
    const card = urgentCard({ request: urgentRequest, email: 'needs-checking', policeContactDue: new Date('2026-11-25T15:02:00Z'), contacts, audience: 'personal' });
    const { text } = assertValidCard(card);
    expect(text).not.toMatch(/\bsent to\b|\btold\b/);
    expect(text).toContain('not confirmed');
    expect(text).toContain('phone');
  });

  it('reads a missing send time as pending, whatever else it is given', () => {
    const { text } = assertValidCard(urgentCard({ request: urgentRequest, policeContactDue: new Date('2026-11-25T15:02:00Z'), contacts, audience: 'personal' }));
    expect(text).toContain('URGENT S47 ENQUIRY email pending');
  });

  describe('once police have not called in time', () => {
    const escalation = { since: new Date('2026-11-29T03:00:00Z'), level: 1, contacts: contacts.slice(0, 2), lastLevel: false };

    it('turns to the escalation: the level to call now, Police made contact and Could not reach the DS', () => {
      const card = urgentCard({ request: urgentRequest, ...sent, contacts, escalation, audience: 'personal' });
      const { text } = assertValidCard(card);
      expect(text).toContain('Urgent: police have not called - escalate now');
      expect(text).toContain('they should have by 15:02');
      expect(text).toContain('DS One');
      expect(text).toContain('DS Two');
      expect(text).not.toContain('MASH admin'); // the next level waits for "could not reach"
      expect(text).not.toContain('If the police have not called by');
      expect(actionTitles(card)).toEqual(withRecord('Police made contact', 'Could not reach the DS'));
      expect(elementsOfType(card, 'Action.Execute')[1]).toMatchObject({ verb: 'urgent.notReached', data: { requestId: 'req-1', level: 1 } });
      expect(elementsOfType(card, 'Action.Submit')[1]).toMatchObject({ data: { verb: 'urgent.notReached', requestId: 'req-1', level: 1 } });
    });

    it('shows the next level by its label, and says when it is the last one', () => {
      const card = urgentCard({ request: urgentRequest, ...sent, contacts, escalation: { ...escalation, level: 2, contacts: contacts.slice(2), lastLevel: true }, audience: 'shared' });
      const { text } = assertValidCard(card);
      expect(text).toContain('Escalation level 2');
      expect(text).toContain('MASH admin');
      expect(text).not.toContain('DS One');
      expect(text).toContain('last escalation contacts');
      expect(actionTitles(card)).toEqual(withRecord('Police made contact', 'Could not reach Admin support'));
      expect(surnamesOnCard(card, request.childSurnames)).toEqual([]);
    });

    it('shows police contact, not the escalation, once contact is recorded', () => {
      const contacted = { ...urgentRequest, policeContactAt: new Date('2026-11-29T03:20:00Z') };
      const card = urgentCard({ request: contacted, ...sent, contacts, escalation, audience: 'personal' });
      expect(assertValidCard(card).text).toContain('The escalation has stopped');
      expect(actionTitles(card)).toEqual(withRecord());
    });
  });

  describe('Record the discussion', () => {
    it('opens a form for the date and time, whose button sends urgent.record with the request id', () => {
      const card = urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal' });
      assertValidCard(card);
      expect(elementById(card, 'meetingDate')).toMatchObject({ type: 'Input.Date', value: '' });
      expect(elementById(card, 'meetingTime')).toMatchObject({ type: 'Input.Time', value: '' });
      expect(elementsOfType(card, 'Action.Execute').find((a) => a.title === 'Open the action plan')).toMatchObject({ verb: 'urgent.record', data: { requestId: 'req-1' } });
    });

    it('keeps what was typed and names the problem', () => {
      const card = urgentCard({ request: urgentRequest, ...sent, contacts, audience: 'personal', record: { meetingDate: '2026-11-24', meetingTime: '25:00', error: 'meetingTime: not a time (HH:MM)' } });
      expect(assertValidCard(card).text).toContain('Record the discussion: meetingTime: not a time (HH:MM)');
      expect(elementById(card, 'meetingDate')).toMatchObject({ value: '2026-11-24' });
      expect(elementById(card, 'meetingTime')).toMatchObject({ value: '25:00' });
    });
  });
});

describe('urgentConfirmCard', () => {
  it('carries what was typed in its data inert, never a live template expression', async () => {
    const { urgentConfirmCard } = await import('../../cards/urgentConfirmCard.js');
    const card = urgentConfirmCard({ requestKey: 'k1', values: { nNumbers: 'N146782', urgent: 'home-alone', reason: '${', managerName: '{{DATE(2017-02-14T06:08:39Z, SHORT)}}' }, request: { ...urgentRequest, invitees: [], referredAt: new Date('2026-11-25T13:20:00Z') }, audience: 'personal' });
    expect(JSON.stringify(card)).not.toContain('${');
    expect(JSON.stringify(card)).not.toContain('{{');
    assertValidCard(card);
  });
});
