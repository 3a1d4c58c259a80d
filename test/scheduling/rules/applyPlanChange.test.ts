import { describe, expect, it } from 'vitest';
import { applyPlanChange, type ChangeContext } from '../../../scheduling/rules/applyPlanChange.js';
import type { DiscussionPlan } from '../../../scheduling/model/DiscussionPlan.js';
import type { PlanChange } from '../../../scheduling/model/PlanChange.js';
import { chair, openPlan } from './planFixtures.js';

function ctx(): ChangeContext {
  let n = 0;
  return { at: new Date('2026-11-25T10:05:00Z'), actor: chair, newId: () => `id${++n}` };
}

function applied(plan: DiscussionPlan, change: PlanChange) {
  const result = applyPlanChange(plan, change, ctx());
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.fields)}`);
  return result;
}

function refused(plan: DiscussionPlan, change: PlanChange) {
  const result = applyPlanChange(plan, change, ctx());
  if (result.ok) throw new Error('applied');
  return result.fields;
}

describe('applyPlanChange', () => {
  it('adds an attendee with the API input ids, one version on, stamped', () => {
    const { plan, targets } = applied(openPlan(), {
      verb: 'plan.attendee.add',
      attendeeName: ' DC Patel ',
      attendeeOrganisation: 'Northamptonshire Police',
      attendeeAgency: 'police',
      attendeeRole: 'DC',
      attendeeConsulted: 'false',
    });
    expect(plan.attendees).toEqual([{ id: 'id1', name: 'DC Patel', organisation: 'Northamptonshire Police', agency: 'police', role: 'DC', consulted: false, confirmed: false }]);
    expect(plan.version).toBe(2);
    expect(plan.updatedAt).toEqual(new Date('2026-11-25T10:05:00Z'));
    expect(targets).toEqual(['attendee:id1']);
  });

  it('keeps the user id and email of someone who adds themselves', () => {
    const { plan } = applied(openPlan(), { verb: 'plan.attendee.add', attendeeName: 'A. Jones', attendeeOrganisation: 'NCC', attendeeAgency: 'social-care', attendeeRole: 'TM', attendeeSelf: 'true' });
    expect(plan.attendees[0]).toMatchObject({ userId: 'aad-chair', email: 'a.jones@council.example.org' });
  });

  it('names each bad attendee input and changes nothing', () => {
    expect(refused(openPlan(), { verb: 'plan.attendee.add', attendeeName: '', attendeeOrganisation: 'x', attendeeAgency: 'army', attendeeRole: 'r', attendeeConsulted: 'maybe', attendeeEmail: 'not-an-email' })).toEqual({
      attendeeName: 'is required.',
      attendeeAgency: 'must be one of social-care, police, health, education, other.',
      attendeeConsulted: 'must be true or false.',
      attendeeEmail: 'is not an email address.',
    });
  });

  it('adds an action without owner or date (finalise asks for them), and refuses an impossible date', () => {
    const { plan } = applied(openPlan(), { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: '', actionDue: '', actionTimescale: 'within 7 days' });
    expect(plan.actions).toEqual([{ id: 'id1', text: 'ABE interview', timescale: 'within 7 days', done: false }]);
    expect(refused(openPlan(), { verb: 'plan.action.add', actionText: 'x', actionDue: '2026-02-30' })).toEqual({ actionDue: 'must be a real date, written YYYY-MM-DD.' });
    expect(refused(openPlan(), { verb: 'plan.action.add', actionText: 'x\u0000' })).toHaveProperty('actionText');
  });

  it("gives an action the user id of the attendee it is owned by", () => {
    const plan = openPlan({ attendees: [{ id: 'at1', name: 'DC Patel', organisation: 'Police', agency: 'police', role: 'DC', consulted: false, confirmed: false, userId: 'aad-dc' }] });
    expect(applied(plan, { verb: 'plan.action.add', actionText: 'ABE', actionOwner: 'dc patel', actionDue: '2026-11-27' }).plan.actions[0]?.ownerId).toBe('aad-dc');
  });

  it('quick-adds a usual action by id, and names an unknown one', () => {
    const { plan } = applied(openPlan(), { verb: 'plan.action.quick-add', usualActionId: 'medical' });
    expect(plan.actions[0]?.text).toMatch(/on-call community paediatrician/);
    expect(refused(openPlan(), { verb: 'plan.action.quick-add', usualActionId: 'nope' })).toEqual({ usualActionId: 'is not one of the usual actions.' });
  });

  it('edits, marks done and removes an action by id; an unknown id is named', () => {
    let plan = applied(openPlan(), { verb: 'plan.action.add', actionText: 'ABE' }).plan;
    plan = applied(plan, { verb: 'plan.action.edit', actionId: 'id1', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-11-27' }).plan;
    plan = applied(plan, { verb: 'plan.action.done', actionId: 'id1' }).plan;
    expect(plan.actions).toEqual([{ id: 'id1', text: 'ABE interview', owner: 'DC Patel', due: '2026-11-27', done: true }]);
    expect(applied(plan, { verb: 'plan.action.remove', actionId: 'id1' }).plan.actions).toEqual([]);
    expect(refused(plan, { verb: 'plan.action.remove', actionId: 'gone' })).toEqual({ actionId: 'names nothing in this plan (it may have been removed).' });
  });

  it('sets a decision (replacing the same one, in the template order) and names a bad decision id', () => {
    let plan = applied(openPlan(), { verb: 'plan.decision.set', decisionId: 'medical', decisionValue: 'no', decisionRationale: '' }).plan;
    plan = applied(plan, { verb: 'plan.decision.set', decisionId: 's47', decisionValue: 'yes', decisionRationale: 'Injury' }).plan;
    plan = applied(plan, { verb: 'plan.decision.set', decisionId: 'medical', decisionValue: 'no', decisionRationale: 'Paediatrician advised not needed' }).plan;
    expect(plan.decisions).toEqual([
      { id: 's47', value: 'yes', rationale: 'Injury' },
      { id: 'medical', value: 'no', rationale: 'Paediatrician advised not needed' },
    ]);
    expect(refused(openPlan(), { verb: 'plan.decision.set', decisionId: 'x', decisionValue: 'y', decisionRationale: 'z' })).toHaveProperty('decisionId');
  });

  it("completes a child's block and refuses a bad date of birth", () => {
    const { plan } = applied(openPlan(), { verb: 'plan.child.set', childId: 'c1', childName: 'Amy Zanzibarova', childAddress: '1 High St', childDob: '2019-04-01' });
    expect(plan.children).toEqual([{ id: 'c1', name: 'Amy Zanzibarova', nNumber: 'N146782', address: '1 High St', dateOfBirth: '2019-04-01' }]);
    expect(refused(openPlan(), { verb: 'plan.child.set', childId: 'c1', childName: 'A', childDob: '01/04/2019' })).toEqual({ childDob: 'must be a real date, written YYYY-MM-DD.' });
  });

  it('sets the meeting time in UK time, with the reason for its timing', () => {
    const { plan } = applied(openPlan(), { verb: 'plan.meeting.set', meetingDate: '2026-06-03', meetingTime: '14:30', meetingVenue: 'Teams', meetingTimingReason: 'Urgent: live s47' });
    expect(plan.meeting).toEqual({ start: new Date('2026-06-03T13:30:00Z'), venue: 'Teams', timingReason: 'Urgent: live s47' });
    expect(refused(openPlan(), { verb: 'plan.meeting.set', meetingTime: '25:00' })).toEqual({ meetingTime: 'must be a time, written HH:MM (UK time).' });
  });

  it('keeps agenda notes per item and about, and removes one with blank text', () => {
    let plan = applied(openPlan(), { verb: 'plan.note.set', noteItem: '3', noteAbout: 'police', noteText: 'Two call-outs' }).plan;
    plan = applied(plan, { verb: 'plan.note.set', noteItem: '2', noteText: 'Bruising' }).plan;
    expect(plan.agendaNotes).toEqual([{ item: 2, text: 'Bruising' }, { item: 3, about: 'police', text: 'Two call-outs' }]);
    expect(applied(plan, { verb: 'plan.note.set', noteItem: '3', noteAbout: 'police', noteText: '' }).plan.agendaNotes).toEqual([{ item: 2, text: 'Bruising' }]);
    expect(refused(plan, { verb: 'plan.note.set', noteItem: '9', noteText: 'x' })).toEqual({ noteItem: 'must be an agenda item, 1 to 8.' });
    expect(applied(plan, { verb: 'plan.note.set', noteItem: '4', noteAbout: 'c1', noteText: 'Vulnerable' }).targets).toEqual(['note:4:c1']);
    expect(refused(plan, { verb: 'plan.note.set', noteItem: '4', noteAbout: 'Amy', noteText: 'x' })).toEqual({ noteAbout: "must be an agency or a child's block of this plan." });
  });

  it('scales risk 0-10 per agency with the headings, and refuses 11', () => {
    const { plan } = applied(openPlan(), { verb: 'plan.risk.set', riskAgency: 'health', riskScore: '3', riskPastHarm: 'Bruises', riskGoals: '' });
    expect(plan.riskScaling).toEqual([{ agency: 'health', score: 3, pastHarm: 'Bruises' }]);
    expect(refused(openPlan(), { verb: 'plan.risk.set', riskAgency: 'health', riskScore: '11' })).toEqual({ riskScore: 'must be a whole number from 0 to 10.' });
  });

  it('keeps the not-quorate reason, the presenting issue and wishes and feelings, and clears them when blank', () => {
    let plan = applied(openPlan(), { verb: 'plan.quorum.reason', notQuorateReason: 'Health unavailable' }).plan;
    plan = applied(plan, { verb: 'plan.issue.set', presentingIssue: 'Bruising seen at school' }).plan;
    plan = applied(plan, { verb: 'plan.wishes.set', wishesInterpreter: 'Polish', wishesWhere: 'School' }).plan;
    expect(plan).toMatchObject({ notQuorateReason: 'Health unavailable', presentingIssue: 'Bruising seen at school', wishesAndFeelings: { interpreter: 'Polish', where: 'School' } });
    expect(applied(plan, { verb: 'plan.quorum.reason', notQuorateReason: ' ' }).plan).not.toHaveProperty('notQuorateReason');
  });
});
