import { describe, expect, it } from 'vitest';
import { redactPlan } from '../../../scheduling/rules/redactPlan.js';
import { openPlan, quorate } from './planFixtures.js';

describe('redactPlan', () => {
  it('keeps the N numbers and counts, and nothing typed that may name a child', () => {
    const plan = openPlan({
      attendees: quorate(),
      presentingIssue: 'Zanzibarova bruising',
      children: [{ id: 'c1', name: 'Amy Zanzibarova', nNumber: 'N146782', address: '1 High St', dateOfBirth: '2019-04-01' }],
      actions: [{ id: 'a1', text: 'See Amy Zanzibarova alone', done: false }],
      agendaNotes: [{ item: 2, text: 'Zanzibarova' }],
    });
    const outline = redactPlan(plan);
    expect(outline).toEqual({ id: 'd1', requestId: 'r1', nNumbers: ['N146782'], version: 1, state: 'open', meeting: plan.meeting, counts: { children: 1, attendees: 4, actions: 1, decisions: 0 } });
    expect(JSON.stringify(outline)).not.toMatch(/Zanzibarova|High St|2019/);
  });
});
