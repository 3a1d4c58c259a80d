import { describe, expect, it } from 'vitest';
import { assertValidCard, maxCardBytes } from '../../cards/assertValidCard.js';
import { planCard, type PlanCardInput } from '../../cards/planCard.js';
import { planSummaryCard } from '../../cards/planSummaryCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import type { DiscussionPlan, Quorum } from '../../scheduling/model/DiscussionPlan.js';
import { actionTitles, elementById, elementsOfType } from './cardFixtures.js';
import { largePlan, notQuorate, plan, quorate, redacted, usualActions } from './planFixtures.js';

const full = (p: DiscussionPlan = plan, quorum: Quorum = notQuorate) => ({ sight: 'full' as const, plan: p, quorum, finaliseProblems: [], conferenceBy: '2026-12-16' });
const participant: PlanCardInput = { view: full(), participantIds: ['aad-alex', 'aad-megan'], usualActions };
/** Teams user ids as long as Teams' own (29:1 and 86 more): the requester, 15 attendees and 4 more chat members. */
const teamsId = (i: number) => `29:1${String(i).padStart(3, '0')}GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFaxcgodTxIbC8J0emEDhxkpXYbGRlSUJSp2J5tDsqd`;
const manyIds = Array.from({ length: 20 }, (_, i) => teamsId(i));

describe('planCard for a participant', () => {
  it("shows the children's names, addresses and dates of birth", () => {
    const { text } = assertValidCard(planCard(participant));
    expect(text).toContain('Jamie Zanzibarova - N146782 - 1 High Street, Northampton - born 2 Apr 2019');
  });

  it('warns loudly, in words, in bold with an icon, when health is missing', () => {
    const card = planCard(participant);
    const { text } = assertValidCard(card);
    expect(text).toContain('⚠ HEALTH IS NOT IN ATTENDANCE');
    const warning = elementsOfType(card, 'TextBlock').find((t) => String(t.text).includes('HEALTH IS NOT'));
    expect(warning).toMatchObject({ weight: 'Bolder', size: 'Large', color: 'attention' });
    expect(assertValidCard(planCard({ ...participant, view: full(plan, quorate) })).text).not.toContain('HEALTH');
  });

  it('says whether the attendance is quorate and asks for a reason when it is not', () => {
    const open = assertValidCard(planCard(participant)).text;
    expect(open).toContain("✖ Not quorate: missing the social worker's manager, health.");
    expect(open).toContain('A reason is required before the plan can be finalised');
    const reasoned = assertValidCard(planCard({ ...participant, view: full({ ...plan, notQuorateReason: 'Health could not attend at short notice' }) })).text;
    expect(reasoned).toContain('Why not quorate: Health could not attend at short notice');
    expect(reasoned).not.toContain('A reason is required');
    expect(assertValidCard(planCard({ ...participant, view: full(plan, quorate) })).text).toContain('✔ Quorate');
  });

  it('lists the attendance, presenting issue, notes, actions, decisions with rationale and risk scaling', () => {
    const { text } = assertValidCard(planCard(participant));
    expect(text).toContain("Sam Patel, social worker, NCC (children's social care) - confirmed ✔");
    expect(text).toContain('Presenting issue: Bruise seen at school');
    expect(text).toContain('3. (police) No police history');
    expect(text).toContain('1. See Jamie alone - Sam Patel - by 26 Nov 2026 (today)');
    expect(text).toContain('Section 47 enquiry: yes - because reasonable cause to suspect significant harm');
    expect(text).toContain('ABE interview: not recorded yet');
    expect(text).toContain('police: 4/10; past harm: bruise; goals: safe at home');
    expect(text).toContain('If a child protection conference is convened, it must be held by 16 Dec 2026 (15 working days).');
  });

  it('says loudly which action still has no owner or date', () => {
    const { owner: _o, due: _d, ...bare } = plan.actions[0]!;
    const { text } = assertValidCard(planCard({ ...participant, view: full({ ...plan, actions: [bare] }) }));
    expect(text).toContain('1. See Jamie alone - NO OWNER YET - NO DATE YET (today)');
  });

  it('refreshes for the participants with plan.refresh, and every action carries discussionId and version', () => {
    const card = planCard(participant) as any;
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'plan.refresh', title: 'Refresh', data: { discussionId: 'disc-1', version: 3 } }, userIds: ['aad-alex', 'aad-megan'] });
    const executes = elementsOfType(card, 'Action.Execute');
    expect(executes.map((a) => a.verb)).toEqual(['plan.refresh', 'plan.running-late', 'plan.attendee.add', 'plan.action.add', 'plan.action.quick-add', 'plan.decision.set', 'plan.form', 'plan.finalise']);
    for (const action of executes) expect(action.data).toMatchObject({ discussionId: 'disc-1', version: 3 });
    expect(actionTitles(card)).toEqual(expect.arrayContaining(['Running late', 'Add attendee', 'Add action', 'Decision', 'More...', 'Finalise']));
  });

  it('keeps the input ids of the API', () => {
    const card = planCard(participant);
    for (const id of ['attendeeName', 'attendeeOrganisation', 'attendeeAgency', 'attendeeRole', 'attendeeConsulted', 'actionText', 'actionOwner', 'actionDue', 'actionTimescale', 'usualActionId', 'decisionId', 'decisionValue', 'decisionRationale', 'lateMinutes']) {
      expect(elementById(card, id), id).toBeDefined();
    }
    expect((elementById(card, 'attendeeAgency') as any).choices.map((c: any) => c.value)).toEqual(['social-care', 'police', 'health', 'education', 'other']);
    expect((elementById(card, 'decisionId') as any).choices.map((c: any) => c.value)).toEqual(['s47', 'agency', 'medical', 'abe', 'seen-alone', 'family', 'legal', 'conference', 'review', 'timing']);
    expect(elementById(card, 'attendeeConsulted')).toMatchObject({ valueOn: 'true', valueOff: 'false' });
    expect((elementById(card, 'usualActionId') as any).choices).toEqual([
      { title: 'Medical with the on-call paediatrician', value: 'medical' },
      { title: 'ABE interview', value: 'abe' },
    ]);
  });

  it('opens the More... form only for the person who asks for it', () => {
    expect(elementById(planCard(participant), 'riskScore')).toBeUndefined();
    const more = planCard({ ...participant, typed: { form: 'more', values: {}, errors: {} } });
    assertValidCard(more);
    for (const id of ['presentingIssue', 'notQuorateReason', 'noteItem', 'noteText', 'riskAgency', 'riskScore', 'riskComplicatingFactors', 'riskExistingSafety', 'actionId']) expect(elementById(more, id), id).toBeDefined();
  });

  it('shows bad input at its field, in the open form, and keeps what was typed', () => {
    const typed = { form: 'action' as const, values: { actionText: 'Medical with the paediatrician', actionOwner: 'Sam', actionDue: '2026-13-30', actionTimescale: 'within 24 hours' }, errors: { actionDue: 'actionDue: not a date (YYYY-MM-DD)' } };
    const card = planCard({ ...participant, typed });
    const { text } = assertValidCard(card);
    expect(text).toContain('actionDue: not a date (YYYY-MM-DD)');
    expect(elementById(card, 'actionText')).toMatchObject({ value: 'Medical with the paediatrician' });
    expect(elementById(card, 'actionOwner')).toMatchObject({ value: 'Sam' });
    expect(elementById(card, 'actionTimescale')).toMatchObject({ value: 'within 24 hours' });
    // The form with the error is in the body, not behind a button; the other forms are a click away.
    expect(JSON.stringify((card as any).body)).toContain('"id":"actionDue"');
    expect(elementsOfType(card, 'Action.ShowCard')).toEqual([]);
    expect(elementsOfType(card, 'Action.Execute').filter((a) => a.verb === 'plan.form').map((a) => (a.data as any).form)).toEqual(['late', 'attendee', 'decision', 'more']);
  });

  it('shows a notice (a stale copy, a refusal) at the top', () => {
    const { text } = assertValidCard(planCard({ ...participant, notice: 'The plan changed while you typed: your action was added to the current plan.' }));
    expect(text).toContain('The plan changed while you typed');
  });

  it('renders typed text that looks like markup or a binding as plain text', () => {
    const rendered = assertValidCard(planCard({ ...participant, view: full({ ...plan, presentingIssue: '**bold** [x](http://x) ${version}' }) }));
    expect(rendered.element.querySelectorAll('strong, em, a').length).toBe(0);
    expect(rendered.text).toContain('**bold** [x](http://x) $\u200B{version}');
  });

  it('is the summary card once the plan is finalised', () => {
    const final = { ...plan, state: 'final' as const, finalisedAt: new Date('2026-11-25T10:40:00Z') };
    expect(assertValidCard(planCard({ ...participant, view: full(final) })).text).toContain('Action plan finalised');
  });

  describe("at the issue's size: 6 children, 15 attendees, 30 actions, 20 participants", () => {
    it(`stays under ${maxCardBytes} bytes, with the actions past the tenth folded`, () => {
      const card = planCard({ view: full(largePlan()), participantIds: manyIds, usualActions });
      const { bytes, text } = assertValidCard(card);
      expect(bytes).toBeLessThan(maxCardBytes);
      expect(text).toContain('30. Action 29');
      expect(elementsOfType(card, 'Action.ToggleVisibility').map((a) => a.title)).toEqual(['Show or hide 20 more actions']);
      expect(elementById(card, 'moreActions')).toMatchObject({ isVisible: false });
    });

    it('stays under the limit with the More... form open and with an error shown', () => {
      const big = { view: full(largePlan()), participantIds: manyIds, usualActions };
      expect(assertValidCard(planCard({ ...big, typed: { form: 'more', values: {}, errors: {} } })).bytes).toBeLessThan(maxCardBytes);
      const typed = { form: 'decision' as const, values: { decisionRationale: 'x'.repeat(2000) }, errors: { decisionValue: 'decisionValue: type what was decided' } };
      expect(assertValidCard(planCard({ ...big, typed })).bytes).toBeLessThan(maxCardBytes);
    });

    it('lets the folded actions go rather than pass the limit (60 participants, every action at its longest)', () => {
      const huge = largePlan();
      const longest = { ...huge, actions: huge.actions.map((a) => ({ ...a, text: 'y'.repeat(400) })) };
      const card = planCard({ view: full(longest), participantIds: Array.from({ length: 60 }, (_, i) => teamsId(i)), usualActions });
      const { bytes, text } = assertValidCard(card);
      expect(bytes).toBeLessThan(maxCardBytes);
      expect(text).toContain('more actions: the card is too full to list them');
    });
  });
});

describe('planCard for a shared conversation (redacted)', () => {
  it('names the case by N number only, with how far the plan has got and a way for participants to see it', () => {
    const card = planCard({ view: { sight: 'redacted', plan: redacted }, participantIds: ['aad-alex'], usualActions });
    const { text } = assertValidCard(card);
    expect(text).toContain('Case: N146782');
    expect(text).toContain('1 child, 2 attendees, 1 action, 1 decision recorded.');
    expect(surnamesOnCard(card, 'Zanzibarova, Jamie')).toEqual([]);
    expect((card as any).refresh).toMatchObject({ action: { verb: 'plan.refresh', data: { discussionId: 'disc-1', version: 3 } }, userIds: ['aad-alex'] });
    expect(elementsOfType(card, 'Action.Execute').map((a) => a.verb)).toEqual(['plan.refresh', 'plan.refresh']);
  });

  it('says when the plan is finalised', () => {
    const final = { ...redacted, state: 'final' as const, finalisedAt: new Date('2026-11-25T10:40:00Z') };
    expect(assertValidCard(planCard({ view: { sight: 'redacted', plan: final }, participantIds: [], usualActions })).text).toContain('Finalised Wednesday 25 November 2026, 10:40: the plan is locked.');
  });
});

describe('planSummaryCard', () => {
  const final = { ...plan, state: 'final' as const, finalisedAt: new Date('2026-11-25T10:40:00Z'), finalisedBy: { id: 'aad-alex', name: 'Alex Jones' }, notQuorateReason: 'health sent apologies' };

  it('says None recorded under Decisions when no decision was set', () => {
    const { text } = assertValidCard(planSummaryCard({ plan: { ...final, decisions: [] }, participantIds: ['aad-alex'], quorum: notQuorate, sentTo: [] }));
    expect(text).toContain('DecisionsNone recorded.');
  });

  it('says the plan is finalised and locked, lists what was agreed, and offers Circulate the record', () => {
    const card = planSummaryCard({ plan: final, participantIds: ['aad-alex'], quorum: notQuorate, sentTo: ['NCC', 'Northants Police'] });
    const { text } = assertValidCard(card);
    expect(text).toContain('Action plan finalised');
    expect(text).toContain('Wednesday 25 November 2026, 10:40 by Alex Jones');
    expect(text).toContain('1. See Jamie alone - Sam Patel - by 26 Nov 2026 (today)');
    expect(text).toContain('health); reason: health sent apologies'); // the reason as typed, capital or not
    expect(text).toContain('The action plan summary went to NCC, Northants Police.');
    expect(text).toContain('The plan is locked');
    expect(elementsOfType(card, 'Action.Execute').map((a) => [a.verb, a.data])).toEqual([
      ['plan.refresh', { discussionId: 'disc-1', version: 3 }],
      ['plan.circulate', { discussionId: 'disc-1', version: 3 }],
    ]);
  });

  it('says when the record was circulated, and no longer offers to circulate it', () => {
    const card = planSummaryCard({ plan: { ...final, circulatedAt: new Date('2026-11-25T15:00:00Z') }, participantIds: [], quorum: quorate });
    expect(assertValidCard(card).text).toContain('Full record circulated Wednesday 25 November 2026, 15:00.');
    expect(actionTitles(card)).toEqual(['Refresh']);
  });

  it("stays under the limit at the issue's size", () => {
    const big = planSummaryCard({ plan: { ...largePlan(), state: 'final' }, participantIds: manyIds, quorum: notQuorate });
    expect(assertValidCard(big).bytes).toBeLessThan(maxCardBytes);
  });
});
