import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import type { Actor } from '../../../scheduling/model/Actor.js';
import type { Mail } from '../../../scheduling/model/Mail.js';
import type { PlanChange } from '../../../scheduling/DiscussionDesk.js';
import { FinaliseRefusedError, InvalidPlanChangeError, NotPermittedError, PlanLockedError, StalePlanError } from '../../../scheduling/services/errors.js';
import { RecordingDocuments } from '../../fakes/RecordingDocuments.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

const personal = (id: string): ActionSource => ({ kind: 'teams', conversationId: `a:${id}`, conversationType: 'personal' });
const group: ActionSource = { kind: 'teams', conversationId: '19:strategy-group@thread.v2', conversationType: 'groupChat' };
/** The request's invitee, known by the email on their Teams profile. */
const nurse: Actor = { id: 'aad-nurse', name: 'N. Nurse', email: 'nurse@health.example.org' };
const outsider: Actor = { id: 'aad-outsider', name: 'O. Outsider', email: 'o@elsewhere.example.org' };
const otherManager: Actor = { id: 'aad-manager-2', name: 'B. Smith' };

const quorateAttendance: PlanChange[] = [
  { verb: 'plan.attendee.add', attendeeName: 'S. Worker', attendeeOrganisation: 'NCC', attendeeAgency: 'social-care', attendeeRole: 'Social worker', attendeeEmail: 'sw@council.example.org' },
  { verb: 'plan.attendee.add', attendeeName: 'A. Jones', attendeeOrganisation: 'NCC', attendeeAgency: 'social-care', attendeeRole: 'Team manager', attendeeSelf: 'true' },
  { verb: 'plan.attendee.add', attendeeName: 'DC Patel', attendeeOrganisation: 'Northamptonshire Police', attendeeAgency: 'police', attendeeRole: 'DC', attendeeEmail: 'dc.patel@police.example.org' },
  { verb: 'plan.attendee.add', attendeeName: 'N. Nurse', attendeeOrganisation: 'NHFT', attendeeAgency: 'health', attendeeRole: 'Named nurse', attendeeEmail: 'nurse@health.example.org' },
];

interface Setup {
  t: TestDesk;
  documents: RecordingDocuments;
  requestId: string;
  discussionId: string;
  sent: Array<{ key: string; mail: Mail }>;
}

/** A desk on Monday with one rota request (booked Wednesday 10:00 UK time) and its plan opened by the manager. */
async function setup(): Promise<Setup> {
  let n = 0;
  const documents = new RecordingDocuments();
  t = await openTestDesk('2026-11-23T10:00:00Z', {}, { newId: () => `id-${++n}`, documents });
  const outcome = await t.desk.submitRequest(requestInput(), manager, 'k1');
  const requestId = outcome.request.id;
  const opened = await t.desk.openPlan(requestId, { ...manager, email: 'a.jones@council.example.org' }, personal(manager.id));
  const sent: Array<{ key: string; mail: Mail }> = [];
  const send = t.desk.mailer.send.bind(t.desk.mailer);
  t.desk.mailer.send = async (key, mail) => {
    sent.push({ key, mail });
    return send(key, mail);
  };
  return { t, documents, requestId, discussionId: opened.view.plan.id as string, sent };
}

/** Applies changes one after another from the current version, by the manager. */
async function fill(s: Setup, changes: readonly PlanChange[]) {
  let result = await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id));
  for (const change of changes) result = await s.t.desk.changePlan(s.discussionId, result.view.plan.version, change, manager, personal(manager.id));
  return result;
}

function fullPlan(result: Awaited<ReturnType<TestDesk['desk']['viewPlan']>>) {
  if (result.view.sight !== 'full') throw new Error('expected the full plan');
  return result.view.plan;
}

describe('the shared action plan, at the desk', () => {
  it('opens one plan per request from its booking: a child block per N number named by the surname typed, the slot, the invitees', async () => {
    const s = await setup();
    const again = await s.t.desk.openPlan(s.requestId, manager, personal(manager.id));
    const plan = fullPlan(again);
    expect(plan.id).toBe(s.discussionId);
    expect(plan).toMatchObject({ version: 1, state: 'open', nNumbers: ['N146782'], invitees: ['nurse@health.example.org'], meeting: { start: new Date('2026-11-25T10:00:00Z'), venue: 'dial-in' } });
    expect(plan.children).toMatchObject([{ name: 'Zanzibarova', nNumber: 'N146782' }]);
    expect(again.shared).toMatchObject({ id: s.discussionId, nNumbers: ['N146782'] });
    expect(JSON.stringify(again.shared)).not.toMatch(/Zanzibarova/);
    expect(again.participantIds).toEqual([manager.id]);
    expect(again.view.sight === 'full' && again.view.conferenceBy).toBe('2026-12-16'); // 15 working days from Wednesday 25 November
    expect(again.view.sight === 'full' && again.view.quorum.healthMissing).toBe(true);
  });

  it('keeps both of two changes made at the same moment', async () => {
    const s = await setup();
    const [a, b] = await Promise.all([
      s.t.desk.changePlan(s.discussionId, 1, { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-11-27' }, manager, personal(manager.id)),
      s.t.desk.changePlan(s.discussionId, 1, { verb: 'plan.action.add', actionText: 'Medical', actionOwner: 'Dr Shah', actionDue: '2026-11-25' }, nurse, personal(nurse.id)),
    ]);
    expect([a.merged, b.merged].filter(Boolean)).toHaveLength(1);
    const plan = fullPlan(await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id)));
    expect(plan.version).toBe(3);
    expect(plan.actions.map((x) => x.text).sort()).toEqual(['ABE interview', 'Medical']);
  });

  it('merges a stale change that touches nothing changed since, and refuses one that does with the current plan', async () => {
    const s = await setup();
    const added = await fill(s, [{ verb: 'plan.action.add', actionText: 'ABE interview' }]); // v2
    const actionId = fullPlan(added).actions[0]!.id;
    // The nurse's card still shows version 1: an add merges.
    const merged = await s.t.desk.changePlan(s.discussionId, 1, { verb: 'plan.issue.set', presentingIssue: 'Bruising seen at school' }, nurse, personal(nurse.id));
    expect(merged.merged).toBe(true);
    expect(fullPlan(merged)).toMatchObject({ version: 3, presentingIssue: 'Bruising seen at school', actions: [{ text: 'ABE interview' }] });
    // The manager edits the action (v4); the nurse, still on version 3, removes it: refused, nothing lost.
    await s.t.desk.changePlan(s.discussionId, 3, { verb: 'plan.action.edit', actionId, actionText: 'ABE interview by DC Patel', actionOwner: 'DC Patel', actionDue: '2026-11-27' }, manager, personal(manager.id));
    const refused = await s.t.desk.changePlan(s.discussionId, 3, { verb: 'plan.action.remove', actionId }, nurse, personal(nurse.id)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StalePlanError);
    expect((refused as StalePlanError).current).toMatchObject({ version: 4, actions: [{ id: actionId, text: 'ABE interview by DC Patel' }] });
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, nurse, personal(nurse.id))).actions).toHaveLength(1);
    const trail = await s.t.desk.stores.auditLog.auditTrail(s.discussionId);
    expect(trail.filter((e) => e.action === 'plan.change-refused')).toMatchObject([{ actor: { id: nurse.id }, after: { reason: 'stale', attempted: 'plan.action.remove' } }]);
  });

  it('names each bad input of a change, and changes nothing', async () => {
    const s = await setup();
    const error = await s.t.desk.changePlan(s.discussionId, 1, { verb: 'plan.action.add', actionText: '', actionDue: '2026-02-30' }, manager, personal(manager.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPlanChangeError);
    expect((error as InvalidPlanChangeError).fields).toEqual({ actionText: 'is required.', actionDue: 'must be a real date, written YYYY-MM-DD.' });
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id))).version).toBe(1);
  });

  it('answers hostile card data (unknown verb, wrong types, a bad version) with the input named, never a crash', async () => {
    const s = await setup();
    const as = (change: unknown) => change as PlanChange;
    const fieldsOf = (e: unknown) => (e as InvalidPlanChangeError).fields;
    const run = (version: number, change: unknown) => s.t.desk.changePlan(s.discussionId, version, as(change), manager, personal(manager.id)).catch((e: unknown) => e);
    expect(fieldsOf(await run(1, { verb: 'plan.everything.delete' }))).toEqual({ verb: 'is not a plan change.' });
    expect(fieldsOf(await run(1, null))).toEqual({ verb: 'is not a plan change.' });
    expect(fieldsOf(await run(0, { verb: 'plan.issue.set', presentingIssue: 'x' }))).toHaveProperty('version');
    expect(fieldsOf(await run(9, { verb: 'plan.issue.set', presentingIssue: 'x' }))).toHaveProperty('version');
    expect(fieldsOf(await run(1, { verb: 'plan.action.add', actionText: { $gt: '' }, actionDue: 20261127 }))).toEqual({ actionText: 'must be text.', actionDue: 'must be text.' });
    expect(fieldsOf(await run(1, { verb: 'plan.action.done', actionId: ['a1'] }))).toEqual({ actionId: 'must be text.' });
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id))).version).toBe(1);
  });

  it('refuses to finalise, naming the action missing its owner', async () => {
    const s = await setup();
    const filled = await fill(s, [...quorateAttendance, { verb: 'plan.action.add', actionText: 'Strategy medical with the on-call paediatrician', actionDue: '2026-11-25' }]);
    const error = await s.t.desk.finalisePlan(s.discussionId, fullPlan(filled).version, manager, personal(manager.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinaliseRefusedError);
    expect((error as FinaliseRefusedError).problems.map((p) => p.message)).toEqual(['The action "Strategy medical with the on-call paediatrician" has no owner.']);
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id))).state).toBe('open');
    expect(s.sent).toEqual([]);
  });

  it('locks the plan on finalise: a later change is refused and audited', async () => {
    const s = await setup();
    const filled = await fill(s, [...quorateAttendance, { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-11-27' }]);
    const finalised = await s.t.desk.finalisePlan(s.discussionId, fullPlan(filled).version, manager, personal(manager.id));
    expect(fullPlan(finalised)).toMatchObject({ state: 'final', finalisedBy: { id: manager.id } });
    const error = await s.t.desk.changePlan(s.discussionId, fullPlan(finalised).version, { verb: 'plan.action.done', actionId: fullPlan(finalised).actions[0]!.id }, nurse, personal(nurse.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanLockedError);
    const trail = await s.t.desk.stores.auditLog.auditTrail(s.discussionId);
    expect(trail.map((e) => e.action)).toContain('plan.finalised');
    expect(trail.filter((e) => e.action === 'plan.change-refused')).toMatchObject([{ actor: { id: nurse.id }, after: { attempted: 'plan.action.done', reason: 'locked' } }]);
    expect(JSON.stringify(trail)).not.toMatch(/Zanzibarova|ABE interview|DC Patel/);
  });

  it('sends the action plan summary once, with the document attached, to every attending agency', async () => {
    const s = await setup();
    const filled = await fill(s, [...quorateAttendance, { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-11-27' }]);
    const finalised = await s.t.desk.finalisePlan(s.discussionId, fullPlan(filled).version, manager, personal(manager.id));
    expect(finalised).toMatchObject({ summaryMail: 'sent', summarySentTo: ['sw@council.example.org', 'dc.patel@police.example.org', 'nurse@health.example.org'] });
    // Pressed again (a retry, a second participant): nothing is sent twice.
    const again = await s.t.desk.finalisePlan(s.discussionId, fullPlan(finalised).version, nurse, personal(nurse.id));
    expect(again.summaryMail).toBe('sent');
    expect(s.sent).toHaveLength(1);
    const [{ key, mail }] = s.sent as [{ key: string; mail: Mail }];
    expect(key).toBe(`plan-summary:${s.discussionId}`);
    expect(mail).toMatchObject({ to: ['sw@council.example.org', 'dc.patel@police.example.org', 'nurse@health.example.org'], subject: 'Strategy discussion N146782: action plan summary' });
    expect(mail.attachments).toMatchObject([{ name: 'N146782-action-plan.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]);
    expect(new TextDecoder().decode(mail.attachments![0]!.content)).toBe(`summary of ${s.discussionId} v${fullPlan(finalised).version}`);
    expect(`${mail.subject} ${mail.body}`).not.toMatch(/Zanzibarova/);
    expect((await s.t.outbox.listOutbox()).filter((m) => m.key === key)).toHaveLength(1);
  });

  it("starts an action clock for each action whose owner is known by id, and the s47 clocks when s47 is decided yes", async () => {
    const s = await setup();
    const filled = await fill(s, [
      ...quorateAttendance,
      { verb: 'plan.decision.set', decisionId: 's47', decisionValue: 'yes', decisionRationale: 'Injury to a non-mobile baby' },
      { verb: 'plan.decision.set', decisionId: 'conference', decisionValue: 'yes', decisionRationale: 'Risk of significant harm' },
      { verb: 'plan.action.add', actionText: 'Chronology', actionOwner: 'A. Jones', actionDue: '2026-11-30' }, // the manager added themselves
      { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-11-27' },
    ]);
    const plan = fullPlan(await s.t.desk.finalisePlan(s.discussionId, fullPlan(filled).version, manager, personal(manager.id)));
    const [chronology, abe] = plan.actions as [(typeof plan.actions)[number], (typeof plan.actions)[number]];
    expect(chronology.ownerId).toBe(manager.id);
    expect(await s.t.desk.stores.clocks.getClock({ requestId: s.requestId, kind: 'action', subject: chronology.id })).toMatchObject({ ownerId: manager.id, state: 'running' });
    expect(await s.t.desk.stores.clocks.getClock({ requestId: s.requestId, kind: 'action', subject: abe.id })).toBeUndefined();
    for (const kind of ['s47-outcome', 's47-enquiry', 'conference'] as const) {
      expect(await s.t.desk.stores.clocks.getClock({ requestId: s.requestId, kind, subject: '' }), kind).toMatchObject({ ownerId: manager.id, state: 'running' });
    }
  });

  it('circulates the record once to every attending agency and stops the record clock', async () => {
    const s = await setup();
    const filled = await fill(s, [...quorateAttendance, { verb: 'plan.note.set', noteItem: '3', noteAbout: 'police', noteText: 'Two call-outs' }]);
    expect(await s.t.desk.circulateRecord(s.discussionId, manager, personal(manager.id)).catch((e: unknown) => (e as Error).name)).toBe('ConflictError');
    await s.t.desk.finalisePlan(s.discussionId, fullPlan(filled).version, manager, personal(manager.id));
    const minutes = { requestId: s.requestId, kind: 'minutes', subject: '' } as const;
    expect(await s.t.desk.stores.clocks.getClock(minutes)).toMatchObject({ state: 'running' });
    const circulated = await s.t.desk.circulateRecord(s.discussionId, nurse, personal(nurse.id));
    expect(circulated).toMatchObject({ recordMail: 'sent', recordSentTo: ['sw@council.example.org', 'dc.patel@police.example.org', 'nurse@health.example.org'] });
    expect(fullPlan(circulated).circulatedAt).toEqual(s.t.clock.now());
    expect(await s.t.desk.stores.clocks.getClock(minutes)).toMatchObject({ state: 'stopped' });
    await s.t.desk.circulateRecord(s.discussionId, manager, personal(manager.id));
    expect(s.sent.map((x) => x.key)).toEqual([`plan-summary:${s.discussionId}`, `plan-record:${s.discussionId}`]);
    expect(s.documents.built.map((b) => b.kind)).toEqual(['summary', 'record']);
  });

  it('refuses an outsider both reading and changing the plan, and audits each refusal', async () => {
    const s = await setup();
    await expect(s.t.desk.viewPlan(s.discussionId, outsider, personal(outsider.id))).rejects.toBeInstanceOf(NotPermittedError);
    await expect(s.t.desk.changePlan(s.discussionId, 1, { verb: 'plan.action.add', actionText: 'x' }, outsider, personal(outsider.id))).rejects.toBeInstanceOf(NotPermittedError);
    await expect(s.t.desk.planDocument(s.discussionId, 'record', outsider, personal(outsider.id))).rejects.toBeInstanceOf(NotPermittedError);
    // A shared conversation where the plan was not posted gives no right either; where it was posted, its members are participants.
    await expect(s.t.desk.viewPlan(s.discussionId, outsider, group)).rejects.toBeInstanceOf(NotPermittedError);
    await s.t.desk.recordCardPosted(s.requestId, manager, group as Extract<ActionSource, { kind: 'teams' }>, 'act-plan-1', 'plan');
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, outsider, group)).id).toBe(s.discussionId);
    const refusals = (await s.t.desk.stores.auditLog.auditTrail(s.discussionId)).filter((e) => e.action === 'access.refused');
    expect(refusals.map((e) => (e.after as { attempted: string }).attempted)).toEqual(['plan.show', 'plan.change', 'plan.document', 'plan.show']);
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, manager, personal(manager.id))).version).toBe(1);
  });

  it('lets an invitee (by email) and someone in the attendance (by email) in from their own chat', async () => {
    const s = await setup();
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, nurse, personal(nurse.id))).id).toBe(s.discussionId);
    const dc: Actor = { id: 'aad-dc', name: 'DC Patel', email: 'dc.patel@police.example.org' };
    await expect(s.t.desk.viewPlan(s.discussionId, dc, personal(dc.id))).rejects.toBeInstanceOf(NotPermittedError);
    await fill(s, [quorateAttendance[2]!]);
    expect(fullPlan(await s.t.desk.viewPlan(s.discussionId, dc, personal(dc.id))).attendees).toHaveLength(1);
  });

  it('tells the requesters of the next booked slots that day at once, with the likely delay', async () => {
    const s = await setup();
    const next = await s.t.desk.submitRequest(requestInput({ nNumbers: 'N200001' }), otherManager, 'k2');
    expect(next.route === 'rota' && next.booking.start).toEqual(new Date('2026-11-25T10:15:00Z'));
    const late = await s.t.desk.runningLate(s.discussionId, 10, manager, personal(manager.id));
    expect(late.told).toEqual([{ requestId: next.request.id, bookingId: next.route === 'rota' ? next.booking.id : '', start: new Date('2026-11-25T10:15:00Z') }]);
    expect(s.t.notifier.told).toEqual([
      { userId: otherManager.id, notice: { kind: 'discussion.running-late', requestId: next.request.id, bookingId: late.told[0]!.bookingId, nNumbers: ['N200001'], start: new Date('2026-11-25T10:15:00Z'), delayMinutes: 10 } },
    ]);
    await expect(s.t.desk.runningLate(s.discussionId, 0, manager, personal(manager.id))).rejects.toBeInstanceOf(InvalidPlanChangeError);
    await expect(s.t.desk.runningLate(s.discussionId, 10, outsider, personal(outsider.id))).rejects.toBeInstanceOf(NotPermittedError);
  });

  it('opens the plan of an urgent request with the date and time typed, naming what is missing', async () => {
    let n = 0;
    t = await openTestDesk('2026-11-23T10:00:00Z', {}, { newId: () => `id-${++n}`, documents: new RecordingDocuments() });
    const urgent = await t.desk.submitRequest(requestInput({ urgent: 'sexual-abuse' }), manager, 'k-urgent');
    const missing = await t.desk.openPlan(urgent.request.id, manager, personal(manager.id)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InvalidPlanChangeError);
    expect(Object.keys((missing as InvalidPlanChangeError).fields)).toEqual(['meetingDate', 'meetingTime']);
    const bad = await t.desk.openPlan(urgent.request.id, manager, personal(manager.id), { meetingDate: '2026-11-23', meetingTime: '9.30' }).catch((e: unknown) => e);
    expect((bad as InvalidPlanChangeError).fields).toEqual({ meetingTime: 'must be a time, written HH:MM (UK time).' });
    const opened = await t.desk.openPlan(urgent.request.id, manager, personal(manager.id), { meetingDate: '2026-11-23', meetingTime: '11:30', meetingVenue: 'Phone' });
    expect(fullPlan(opened).meeting).toEqual({ start: new Date('2026-11-23T11:30:00Z'), venue: 'Phone' });
  });

  it('finds the plan of a case by N number (the command line)', async () => {
    const s = await setup();
    expect(fullPlan(await s.t.desk.planOfCase('N146782', { id: 'cli:op', name: 'op' }, { kind: 'operator' })).id).toBe(s.discussionId);
    await expect(s.t.desk.planOfCase('N999999', { id: 'cli:op', name: 'op' }, { kind: 'operator' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
