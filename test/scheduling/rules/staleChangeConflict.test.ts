import { describe, expect, it } from 'vitest';
import { planChangeTargets } from '../../../scheduling/rules/planChangeTargets.js';
import { staleChangeConflict } from '../../../scheduling/rules/staleChangeConflict.js';

const history = [
  { version: 2, verb: 'plan.action.add', targets: ['action:a1'] },
  { version: 3, verb: 'plan.action.add', targets: ['action:a2'] },
  { version: 4, verb: 'plan.action.edit', targets: ['action:a1'] },
];

describe('staleChangeConflict', () => {
  it('merges an add made on a stale copy (two adds never conflict)', () => {
    expect(staleChangeConflict(planChangeTargets({ verb: 'plan.action.add', actionText: 'ABE interview' }), 2, history)).toBeUndefined();
  });

  it('merges an edit of something nobody changed since', () => {
    expect(staleChangeConflict(planChangeTargets({ verb: 'plan.action.done', actionId: 'a2' }), 3, history)).toBeUndefined();
  });

  it('refuses an edit or removal of something changed since', () => {
    expect(staleChangeConflict(planChangeTargets({ verb: 'plan.action.remove', actionId: 'a1' }), 3, history)).toBe('action:a1');
    expect(staleChangeConflict(planChangeTargets({ verb: 'plan.action.edit', actionId: 'a1', actionText: 'x' }), 2, history)).toBe('action:a1');
  });

  it('looks only at what changed after the submitted version', () => {
    expect(staleChangeConflict(['action:a1'], 4, history)).toBeUndefined();
  });
});

describe('planChangeTargets', () => {
  it('names what a change edits', () => {
    expect(planChangeTargets({ verb: 'plan.decision.set', decisionId: 's47', decisionValue: 'yes', decisionRationale: 'r' })).toEqual(['decision:s47']);
    expect(planChangeTargets({ verb: 'plan.note.set', noteItem: '3', noteAbout: 'police', noteText: 't' })).toEqual(['note:3:police']);
    expect(planChangeTargets({ verb: 'plan.attendee.add', attendeeName: 'n', attendeeOrganisation: 'o', attendeeAgency: 'health', attendeeRole: 'r' })).toEqual([]);
  });
});
