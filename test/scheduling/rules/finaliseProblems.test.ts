import { describe, expect, it } from 'vitest';
import { finaliseProblems } from '../../../scheduling/rules/finaliseProblems.js';
import { openPlan, quorate } from './planFixtures.js';

describe('finaliseProblems', () => {
  it('has none for a quorate plan whose actions have owner and date and decisions a rationale', () => {
    const plan = openPlan({
      attendees: quorate(),
      actions: [{ id: 'a1', text: 'ABE interview', owner: 'DC Patel', due: '2026-11-27', done: false }],
      decisions: [{ id: 's47', value: 'yes', rationale: 'Injury to a non-mobile baby' }],
    });
    expect(finaliseProblems(plan)).toEqual([]);
  });

  it('names the action missing its owner, and the one missing its date, by their text', () => {
    const plan = openPlan({
      attendees: quorate(),
      actions: [
        { id: 'a1', text: 'Medical with the on-call paediatrician', due: '2026-11-26', done: false },
        { id: 'a2', text: 'ABE interview', owner: 'DC Patel', done: false },
      ],
    });
    expect(finaliseProblems(plan)).toEqual([
      { kind: 'action.owner-missing', actionId: 'a1', message: 'The action "Medical with the on-call paediatrician" has no owner.' },
      { kind: 'action.due-missing', actionId: 'a2', message: 'The action "ABE interview" has no completion date.' },
    ]);
  });

  it('names a decision without its rationale', () => {
    const plan = openPlan({ attendees: quorate(), decisions: [{ id: 'medical', value: 'no', rationale: '  ' }] });
    expect(finaliseProblems(plan)).toEqual([{ kind: 'decision.rationale-missing', decisionId: 'medical', message: 'The decision "Medical assessment" has no rationale.' }]);
  });

  it('asks for the reason when not quorate, and is content with one', () => {
    const attendees = quorate().filter((a) => a.agency !== 'health');
    expect(finaliseProblems(openPlan({ attendees }))).toEqual([
      { kind: 'quorum.reason-missing', missing: ['health'], message: 'The discussion is not quorate (missing: health): give the reason.' },
    ]);
    expect(finaliseProblems(openPlan({ attendees, notQuorateReason: 'Health consulted by phone after' }))).toEqual([]);
  });
});
