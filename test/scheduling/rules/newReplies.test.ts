import { describe, expect, it } from 'vitest';
import type { AttendeeResponse, AttendeeStatus } from '../../../scheduling/model/ConferenceEvent.js';
import { newReplies } from '../../../scheduling/rules/newReplies.js';

const pru = (response: AttendeeResponse, respondedAt?: string): AttendeeStatus => ({ address: 'pru@police.example.org', type: 'required', response, ...(respondedAt ? { respondedAt: new Date(respondedAt) } : {}) });

describe('newReplies', () => {
  it('finds an answer given since the event was last seen', () => {
    expect(newReplies([pru('none')], [pru('accepted', '2026-11-24T14:02:00Z')])).toEqual([pru('accepted', '2026-11-24T14:02:00Z')]);
  });

  it('finds an answer on an event never seen before', () => {
    expect(newReplies([], [pru('declined', '2026-11-24T14:02:00Z')])).toHaveLength(1);
  });

  it('finds a changed answer: declined after accepting', () => {
    expect(newReplies([pru('accepted')], [pru('declined')]).map((a) => a.response)).toEqual(['declined']);
  });

  it('ignores the same answer seen again, even sent again later', () => {
    expect(newReplies([pru('accepted', '2026-11-24T14:02:00Z')], [pru('accepted', '2026-11-24T15:00:00Z')])).toEqual([]);
  });

  it('ignores replies that are no answer: none, not responded, organiser', () => {
    expect(newReplies([pru('accepted')], [pru('none'), { ...pru('notResponded'), address: 'b@x.org' }, { ...pru('organizer'), address: 'c@x.org' }])).toEqual([]);
  });

  it('finds a forwarded attendee who answered, and compares addresses without case', () => {
    const ds: AttendeeStatus = { address: 'DS.Smith@police.example.org', name: 'DS Smith', type: 'optional', response: 'tentativelyAccepted' };
    expect(newReplies([{ ...pru('accepted'), address: 'PRU@police.example.org' }], [pru('accepted'), ds])).toEqual([ds]);
  });
});
