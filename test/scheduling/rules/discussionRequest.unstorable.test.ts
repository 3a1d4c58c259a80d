import { describe, expect, it } from 'vitest';
import { parseDiscussionRequest, requestFields, type RawRequest } from '../../../scheduling/rules/discussionRequest.js';

// An area whose N-number pattern takes anything, so only the character rule can refuse.
const rules = { nNumberPattern: /^.+$/s, now: new Date('2026-11-23T14:00:00Z') /* Mon */ };
const valid: RawRequest = {
  nNumbers: 'N146782',
  childSurnames: 'Bond',
  managerName: 'A. Jones',
  managerRole: 'TM',
  managerPhone: '01604 123456',
  managerEmail: 'a.jones@council.example.org',
  referredDate: '2026-11-23',
  referredTime: '09:30',
  urgent: '',
  longerSlot: 'false',
  reason: 'Bruising seen at school',
  invitees: 'nurse@example.org',
};

describe('parseDiscussionRequest: characters that cannot be stored', () => {
  it('takes the valid request these cases start from', () => {
    expect(parseDiscussionRequest(valid, rules).ok).toBe(true);
  });

  it.each(requestFields.filter((f) => f !== 'longerSlot'))('refuses a NUL in %s at that field', (field) => {
    const raw = { ...valid, [field]: `${typeof valid[field] === 'string' && valid[field] !== '' ? valid[field] : 'x'}\u0000` };
    if (field === 'referredAt') delete raw.referredDate;
    const parsed = parseDiscussionRequest(raw, rules);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[field]).toMatch(/control character or a broken symbol/);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['an escape', 'a\u001bb'],
    ['a form feed', 'a\u000cb'],
    ['DEL', 'a\u007fb'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate', 'a\uDE00b'],
    ['a low surrogate before its high one', 'a\uDE00\uD83Db'],
  ])('refuses %s in the reason', (_what, reason) => {
    const parsed = parseDiscussionRequest({ ...valid, reason }, rules);
    expect(!parsed.ok && parsed.errors).toEqual({ reason: expect.stringMatching(/control character/) as unknown });
  });

  it('refuses a NUL inside a list of N numbers sent as an array', () => {
    const parsed = parseDiscussionRequest({ ...valid, nNumbers: ['N146782', 'N1\u00004'] }, rules);
    expect(!parsed.ok && parsed.errors.nNumbers).toMatch(/control character/);
  });

  it('keeps tabs, line breaks and whole emoji in the reason', () => {
    const reason = 'Seen at school.\r\n\tReported by the head \u{1F469}\u200D\u{1F3EB}';
    const parsed = parseDiscussionRequest({ ...valid, reason }, rules);
    expect(parsed.ok && parsed.value.reason).toBe(reason);
  });
});
