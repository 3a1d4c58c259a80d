import { describe, expect, it } from 'vitest';
import { parseDiscussionRequest, type RawRequest } from '../../../scheduling/rules/discussionRequest.js';

const rules = { nNumberPattern: /^N\d{6}$/, now: new Date('2026-11-23T14:00:00Z') /* Mon */ };
const valid: RawRequest = {
  nNumbers: 'N146782, N146783',
  childSurnames: 'Bond',
  managerName: 'A. Jones',
  managerRole: 'TM',
  managerPhone: '01604 123456',
  referredDate: '2026-11-23',
  referredTime: '09:30',
  urgent: '',
  longerSlot: 'false',
  reason: 'Bruising seen at school',
  invitees: 'nurse@example.org; head@school.example.org',
};

describe('parseDiscussionRequest', () => {
  it('turns the card inputs into a request, UK time for date and time', () => {
    const parsed = parseDiscussionRequest(valid, rules);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.nNumbers).toEqual(['N146782', 'N146783']);
    expect(parsed.value.referredAt.toISOString()).toBe('2026-11-23T09:30:00.000Z'); // GMT in November
    expect(parsed.value.urgent).toEqual([]);
    expect(parsed.value.longerSlot).toBe(false);
    expect(parsed.value.invitees).toEqual(['nurse@example.org', 'head@school.example.org']);
  });

  it('reads a summer date and time as British Summer Time', () => {
    const parsed = parseDiscussionRequest({ ...valid, referredDate: '2026-06-03', referredTime: '09:30' }, rules);
    expect(parsed.ok && parsed.value.referredAt.toISOString()).toBe('2026-06-03T08:30:00.000Z');
  });

  it('takes urgent criteria as a comma-separated multi-select value', () => {
    const parsed = parseDiscussionRequest({ ...valid, urgent: 'home-alone,missing' }, rules);
    expect(parsed.ok && parsed.value.urgent).toEqual(['home-alone', 'missing']);
  });

  it.each<[string, RawRequest, string, RegExp]>([
    ['no N number', { nNumbers: '' }, 'nNumbers', /at least one N number/],
    ['a short N number', { nNumbers: 'N12345' }, 'nNumbers', /"N12345" is not an N number/],
    ['a name in the N number box', { nNumbers: 'Bond' }, 'nNumbers', /"Bond" is not an N number/],
    ['the same N number twice', { nNumbers: 'N146782,N146782' }, 'nNumbers', /listed twice/],
    ['no surname', { childSurnames: '  ' }, 'childSurnames', /surname/],
    ['markup in the surname', { childSurnames: '<b>Bond</b>' }, 'childSurnames', /letters/],
    ['a template expression in the surname', { childSurnames: '${managerName}' }, 'childSurnames', /letters/],
    ['no manager name', { managerName: undefined }, 'managerName', /Enter your name/],
    ['a role other than TM or PM', { managerRole: 'SW' }, 'managerRole', /TM.*PM/],
    ['no phone', { managerPhone: '' }, 'managerPhone', /phone number/],
    ['letters for a phone', { managerPhone: 'call me' }, 'managerPhone', /phone number such as/],
    ['a bad manager email', { managerEmail: 'jones@' }, 'managerEmail', /not an email address/],
    ['no referral date', { referredDate: '' }, 'referredDate', /date the referral/],
    ['an impossible referral date', { referredDate: '2026-02-30' }, 'referredDate', /not a real date/],
    ['a US-style date', { referredDate: '11/23/2026' }, 'referredDate', /YYYY-MM-DD/],
    ['a bad time', { referredTime: '25:00' }, 'referredTime', /HH:mm/],
    ['a referral in the future', { referredDate: '2026-11-23', referredTime: '14:01' }, 'referredTime', /in the future: it is Monday 23 November 2026, 14:00 now \(UK time\)/],
    ['an unknown urgent id', { urgent: 'home-alone,fire' }, 'urgent', /"fire" is not an urgent criterion/],
    ['a longer-slot value that is not a boolean', { longerSlot: 'yes please' }, 'longerSlot', /true or false/],
    ['an over-long reason', { reason: 'x'.repeat(2001) }, 'reason', /2,000/],
    ['a bad invitee', { invitees: 'nurse@example.org; not-an-address' }, 'invitees', /"not-an-address" is not an email address/],
  ])('rejects %s, naming the field and keeping the others valid', (_label, change, field, message) => {
    const parsed = parseDiscussionRequest({ ...valid, ...change }, rules);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual([field]);
    expect(parsed.errors[field as keyof typeof parsed.errors]).toMatch(message);
  });

  it('rejects an ISO referral time that is garbage, naming referredAt', () => {
    const parsed = parseDiscussionRequest({ ...valid, referredAt: 'last Tuesday' }, rules);
    expect(!parsed.ok && parsed.errors.referredAt).toMatch(/ISO 8601/);
  });

  it('names every field a person must fill when the input has none at all', () => {
    const parsed = parseDiscussionRequest({}, rules);
    expect(!parsed.ok && parsed.errors).toEqual({
      nNumbers: 'Enter at least one N number.',
      childSurnames: "Enter the children's surname(s).",
      managerName: 'Enter your name.',
      managerRole: 'Choose Team Manager (TM) or Practice Manager (PM).',
      managerPhone: 'Enter a phone number the police can call you on.',
      referredDate: 'Enter the date the referral was received.',
      referredTime: 'Enter the time the referral was received.',
    });
  });

  it('counts characters (code points) for lengths, as PostgreSQL does, not UTF-16 units', () => {
    const emoji = '\u{1F4DD}'; // two UTF-16 units, one character
    expect(parseDiscussionRequest({ ...valid, reason: emoji.repeat(2000) }, rules).ok).toBe(true);
    const oneLetter = parseDiscussionRequest({ ...valid, managerName: '\u{1D400}' /* MATHEMATICAL BOLD CAPITAL A */ }, rules);
    expect(!oneLetter.ok && oneLetter.errors.managerName).toMatch(/2 to 100 characters/);
  });

  it('reports every bad field at once', () => {
    const parsed = parseDiscussionRequest({ ...valid, nNumbers: 'x', managerPhone: 'x', invitees: 'x' }, rules);
    expect(!parsed.ok && Object.keys(parsed.errors).sort()).toEqual(['invitees', 'managerPhone', 'nNumbers']);
  });
});
