import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../app/config.js';
import { openDesk, type OpenDesk } from '../../../../app/openDesk.js';
import { DocxRecordDocuments, docxContentType } from '../../../../scheduling/adapters/docx/DocxRecordDocuments.js';
import type { ActionSource } from '../../../../scheduling/model/ActionSource.js';
import type { MailAttachment } from '../../../../scheduling/model/Mail.js';
import type { PlanChange } from '../../../../scheduling/DiscussionDesk.js';
import { docxPart, docxParagraphs } from '../../../docx/readDocx.js';
import { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { ManualClock } from '../../../fakes/ManualClock.js';
import { ManualJobs } from '../../../fakes/ManualJobs.js';
import { RecordingNotifier } from '../../../fakes/RecordingNotifier.js';
import { openTestPglite } from '../../../fakes/testDb.js';
import { manager, openTestDesk, requestInput } from '../../../fakes/testDesk.js';
import { graphEnv, testMailbox } from '../../../scale/graphEnv.js';

/**
 * The Word record at the desk: finalising a plan sends the action plan summary as a real .docx
 * (the docx adapter), into the local outbox in local mode and through Graph sendMail in graph mode,
 * and circulating sends the full record. The document read back holds what was entered; the mail
 * and the file name carry the N number only.
 */

const personal: ActionSource = { kind: 'teams', conversationId: `a:${manager.id}`, conversationType: 'personal' };
const author = { ...manager, email: 'a.jones@council.example.org' };

const changes: PlanChange[] = [
  { verb: 'plan.attendee.add', attendeeName: 'S. Worker', attendeeOrganisation: 'NCC', attendeeAgency: 'social-care', attendeeRole: 'Social worker', attendeeEmail: 'sw@council.example.org' },
  { verb: 'plan.attendee.add', attendeeName: 'A. Jones', attendeeOrganisation: 'NCC', attendeeAgency: 'social-care', attendeeRole: 'Team manager', attendeeSelf: 'true' },
  { verb: 'plan.attendee.add', attendeeName: 'DC Patel', attendeeOrganisation: 'Northamptonshire Police', attendeeAgency: 'police', attendeeRole: 'DC', attendeeEmail: 'dc.patel@police.example.org' },
  { verb: 'plan.attendee.add', attendeeName: 'N. Nurse', attendeeOrganisation: 'NHFT', attendeeAgency: 'health', attendeeRole: 'Named nurse', attendeeEmail: 'nurse@health.example.org' },
  { verb: 'plan.action.add', actionText: 'ABE interview with the older sibling', actionOwner: 'DC Patel', actionDue: '2026-11-27', actionTimescale: 'within 48 hours' },
  { verb: 'plan.decision.set', decisionId: 's47', decisionValue: 'Yes', decisionRationale: 'Bruising with no account that fits it.' },
];

type Desk = OpenDesk;

/** Opens the request's plan, applies the changes one after another, and finalises it. */
async function finaliseAPlan(desk: Desk): Promise<string> {
  const outcome = await desk.submitRequest(requestInput(), manager, 'k1');
  const opened = await desk.openPlan(outcome.request.id, author, personal);
  const discussionId = opened.view.plan.id as string;
  let version = opened.view.plan.version;
  for (const change of changes) version = (await desk.changePlan(discussionId, version, change, manager, personal)).view.plan.version;
  await desk.finalisePlan(discussionId, version, manager, personal);
  return discussionId;
}

function documentText(attachment: MailAttachment): string {
  return docxParagraphs(docxPart(attachment.content, 'word/document.xml')).join('\n');
}

function expectTheSummary(attachment: MailAttachment | undefined): void {
  expect(attachment).toMatchObject({ name: 'N146782_strategy-discussion-action-plan-summary_2026-11-25.docx', contentType: docxContentType });
  const text = documentText(attachment!);
  for (const field of ['STRATEGY MEETING ACTION PLAN SUMMARY', 'Zanzibarova', 'N146782', 'S. Worker', 'DC Patel', 'N. Nurse', 'Northamptonshire Police', 'ABE interview with the older sibling', 'Timescale: within 48 hours', '27/11/2026', 'Bruising with no account that fits it.', 'Wednesday 25 November 2026', '10:00']) {
    expect(text).toContain(field);
  }
}

const desks: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const open of desks.splice(0)) await open.close();
});

describe('the discussion record by mail, as a Word document', () => {
  it('local mode: finalising puts the summary into the outbox with the .docx attached; circulating adds the full record', async () => {
    const t = await openTestDesk('2026-11-23T10:00:00Z', {}, { documents: new DocxRecordDocuments() });
    desks.push({ close: () => t.desk.close() });
    const discussionId = await finaliseAPlan(t.desk);
    const summary = (await t.outbox.listOutbox()).find((m) => m.key === `plan-summary:${discussionId}`);
    expect(summary?.to).toEqual(['sw@council.example.org', 'dc.patel@police.example.org', 'nurse@health.example.org']);
    expect(summary?.attachments).toHaveLength(1);
    expectTheSummary(summary?.attachments?.[0]);
    expect(`${summary?.subject} ${summary?.body} ${summary?.attachments?.[0]?.name}`).not.toMatch(/Zanzibarova/);

    await t.desk.circulateRecord(discussionId, manager, personal);
    const record = (await t.outbox.listOutbox()).find((m) => m.attachments?.[0]?.name.includes('strategy-discussion-record'));
    expect(record?.attachments?.[0]?.name).toBe('N146782_strategy-discussion-record_2026-11-25.docx');
    const text = documentText(record!.attachments![0]!);
    expect(text).toContain('RECORD OF STRATEGY DISCUSSION');
    expect(text).toContain('RISK SCALING');
    expect(text).toContain('ABE interview with the older sibling');
  });

  it('graph mode: finalising sends the summary by sendMail with the .docx as a file attachment', async () => {
    const fake = await new FakeGraph({ mailbox: testMailbox }).start();
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const jobs = new ManualJobs(clock);
    const desk = await openDesk(loadConfig({ ...graphEnv(fake), LOG_LEVEL: 'silent' }), { clock, db: await openTestPglite(), log: pino({ level: 'silent' }), jobs, notifier: new RecordingNotifier(), documents: new DocxRecordDocuments() });
    jobs.work(desk.jobHandlers);
    desks.push({ close: async () => (await desk.close(), await fake.close()) });
    await finaliseAPlan(desk);
    const sent = fake.sentMail().filter((m) => m.subject.endsWith('action plan summary'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attachments).toHaveLength(1);
    const [posted] = sent[0]!.attachments;
    expectTheSummary({ name: posted!.name, contentType: posted!.contentType, content: new Uint8Array(Buffer.from(posted!.contentBytes, 'base64')) });
  });
});
