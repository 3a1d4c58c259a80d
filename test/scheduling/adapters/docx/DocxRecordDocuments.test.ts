import { describe, expect, it } from 'vitest';
import { DocxRecordDocuments, docxContentType } from '../../../../scheduling/adapters/docx/DocxRecordDocuments.js';
import { recordFileName } from '../../../../scheduling/adapters/docx/recordFileName.js';
import type { DiscussionPlan } from '../../../../scheduling/model/DiscussionPlan.js';
import { maxAttachmentBytes } from '../../../../scheduling/rules/attachmentSize.js';
import { docxPart, docxParagraphs, docxParts } from '../../../docx/readDocx.js';
import { bigDiscussionPlan, discussionPlan } from '../../../fixtures/discussionPlan.js';

const documents = new DocxRecordDocuments();

async function read(plan: DiscussionPlan, kind: 'summary' | 'record') {
  const built = await documents.build(plan, kind);
  const paragraphs = docxParagraphs(docxPart(built.content, 'word/document.xml'));
  return { ...built, paragraphs, text: paragraphs.join('\n') };
}

const ukDate = (day: string) => day.split('-').reverse().join('/');

const agencyName = { 'social-care': 'Children’s social care', police: 'Police', health: 'Health', education: 'Education', other: 'Other' } as const;

/** Every value a person typed into the plan's template part, as the document must show it. */
function planFields(plan: DiscussionPlan): string[] {
  return [
    ...plan.children.flatMap((c) => [c.name, c.nNumber, c.address ?? '', c.dateOfBirth ? ukDate(c.dateOfBirth) : '']),
    plan.meeting.timingReason ?? '',
    ...plan.attendees.flatMap((a) => [a.name, a.organisation, a.role, agencyName[a.agency]]),
    plan.presentingIssue ?? '',
    ...plan.actions.flatMap((a) => [a.text, a.owner ?? '', a.due ? ukDate(a.due) : '', a.timescale ?? '']),
    ...plan.decisions.flatMap((d) => [/^\d{4}-\d{2}-\d{2}$/.test(d.value) ? ukDate(d.value) : d.value, d.rationale]),
  ].filter(Boolean);
}

/** What only the full record holds: agenda notes, wishes and feelings, risk scaling. */
function recordFields(plan: DiscussionPlan): string[] {
  const w = plan.wishesAndFeelings;
  return [
    ...plan.agendaNotes.map((n) => n.text),
    ...(w ? [w.interpreter, w.advocate, w.where, w.notes] : []),
    ...plan.riskScaling.flatMap((r) => [`Scale: ${r.score} / 10`, r.pastHarm, r.futureDanger, r.complicatingFactors, r.strengths, r.existingSafety, r.goals]),
  ].filter((v): v is string => Boolean(v));
}

describe('DocxRecordDocuments', () => {
  it('builds a Word document (a zip with word/document.xml) named by N numbers and UK date, never by a child', async () => {
    const plan = discussionPlan();
    for (const kind of ['summary', 'record'] as const) {
      const built = await documents.build(plan, kind);
      expect(built.contentType).toBe(docxContentType);
      expect(Buffer.from(built.content.subarray(0, 2)).toString('latin1')).toBe('PK');
      expect(docxParts(built.content)).toEqual(expect.arrayContaining(['word/document.xml', 'docProps/core.xml', '[Content_Types].xml']));
      for (const child of plan.children) for (const part of child.name.split(' ')) expect(built.fileName).not.toContain(part);
    }
    expect((await documents.build(plan, 'summary')).fileName).toBe('N146782-N146783_strategy-discussion-action-plan-summary_2026-11-25.docx');
    expect((await documents.build(plan, 'record')).fileName).toBe('N146782-N146783_strategy-discussion-record_2026-11-25.docx');
  });

  it("names the file by the discussion's UK day, not the UTC one, and keeps only letters and digits of an N number", () => {
    const lateInJune = { nNumbers: ['N146782'], meeting: { start: new Date('2026-06-02T23:30:00Z'), venue: 'dial-in' } }; // 00:30 BST on 3 June
    expect(recordFileName(lateInJune, 'summary')).toBe('N146782_strategy-discussion-action-plan-summary_2026-06-03.docx');
    expect(recordFileName({ ...lateInJune, nNumbers: ['N14/67 82', '../N2'] }, 'record')).toBe('N146782-N2_strategy-discussion-record_2026-06-03.docx');
    expect(recordFileName({ ...lateInJune, nNumbers: [] }, 'record')).toBe('case_strategy-discussion-record_2026-06-03.docx');
  });

  it("keeps children's names out of the document's properties (title, subject): they are shown in file lists and search", async () => {
    const plan = bigDiscussionPlan();
    const built = await documents.build(plan, 'record');
    const properties = docxPart(built.content, 'docProps/core.xml') + docxPart(built.content, 'docProps/app.xml');
    expect(properties).toContain('N146780');
    for (const child of plan.children) {
      expect(properties).not.toContain(child.name.split(' ')[0]);
      expect(properties).not.toContain('Bond-Okafor');
      expect(properties).not.toContain(child.address);
    }
  });

  it("holds every field of the issue's large plan (6 children, 15 attendees, 30 actions) in the summary", async () => {
    const plan = bigDiscussionPlan();
    expect([plan.children.length, plan.attendees.length, plan.actions.length]).toEqual([6, 15, 30]);
    const { text, content } = await read(plan, 'summary');
    const missing = planFields(plan).filter((field) => !text.includes(field));
    expect(missing).toEqual([]);
    // The template's headings and columns.
    for (const heading of ['STRATEGY MEETING ACTION PLAN SUMMARY', 'AGREED ACTION PLAN IN RESPECT OF:', 'MEETING DATE', 'MEETING TIME', 'MEETING VENUE', 'IN ATTENDANCE:', 'Signature (confirmed)', 'PRESENTING ISSUE:', 'AGREED ACTION PLAN', 'Action (with timescale)', 'Completion by', 'Owner', 'DECISIONS AND THEIR RATIONALE', 'Rationale', 'NOTES:']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('This document is not a substitute for the full record');
    // Not the discussion itself: that is the full record's.
    expect(text).not.toContain('RISK SCALING');
    expect(text).not.toContain(plan.agendaNotes[0]!.text);
    expect(content.byteLength).toBeLessThan(maxAttachmentBytes);
  });

  it('holds every field in the full record too, with the agenda notes, wishes and feelings, and risk scaling under the seed headings', async () => {
    const plan = bigDiscussionPlan();
    const { text, content } = await read(plan, 'record');
    const missing = [...planFields(plan), ...recordFields(plan)].filter((field) => !text.includes(field));
    expect(missing).toEqual([]);
    for (const heading of ['RECORD OF STRATEGY DISCUSSION', 'RECORD OF THE DISCUSSION', 'RISK SCALING', 'Past harm', 'Future danger', 'Complicating factors', 'Existing strengths', 'Existing safety', 'Safety goals', 'The child’s wishes and feelings', 'Interpreter:', 'Advocate:', 'Where:']) {
      expect(text).toContain(heading);
    }
    for (let item = 1; item <= 8; item++) expect(text).toMatch(new RegExp(`^${item}\\. `, 'm'));
    // A note about a child names the child; one about an agency names the agency.
    expect(text).toContain('Amelia Bond-Okafor (N146780): Agenda 4: risks and vulnerabilities of N146780.');
    expect(text).toContain('Police: Agenda 3: police information and history.');
    // One risk table per agency that scaled, each with all six headings.
    expect(text.match(/Past harm\n/g)).toHaveLength(plan.riskScaling.length);
    expect(content.byteLength).toBeLessThan(maxAttachmentBytes);
  });

  it('writes the meeting in UK time and words, and the attendance with its signature column and the consulted apart', async () => {
    const { paragraphs, text } = await read(discussionPlan({ meeting: { start: new Date('2026-06-03T09:15:00Z'), venue: 'teams', timingReason: 'Urgent: same day.' } }), 'summary');
    expect(text).toContain('Wednesday 3 June 2026');
    expect(paragraphs).toContain('10:15'); // BST, 24-hour
    expect(text).toContain('Microsoft Teams meeting');
    expect(text).toContain('Urgent: same day.');
    // Four attending (all confirmed); the nursery was consulted, not attending, and has no signature.
    expect(paragraphs.filter((p) => p === 'Confirmed')).toHaveLength(4);
    expect(paragraphs.indexOf('Consulted, not attending')).toBeLessThan(paragraphs.indexOf('Jo Whitfield'));
    expect(paragraphs.indexOf('Consulted, not attending')).toBeGreaterThan(paragraphs.indexOf('Dr Rohan Patel'));
    expect(text).not.toContain('Not confirmed');
  });

  it('says the discussion was quorate, or not quorate naming who was missing and the reason given', async () => {
    expect((await read(discussionPlan(), 'summary')).text).toContain('Quorate: the social worker, their manager, police and health in attendance.');
    const withoutHealth = discussionPlan();
    const plan = discussionPlan({ attendees: withoutHealth.attendees.filter((a) => a.agency !== 'health'), notQuorateReason: 'The paediatrician was called to an emergency; health advice taken by phone before.' });
    expect((await read(plan, 'summary')).text).toContain('NOT QUORATE - missing: health. Reason: The paediatrician was called to an emergency; health advice taken by phone before.');
    const consultedOnly = discussionPlan({ attendees: withoutHealth.attendees.map((a) => (a.agency === 'police' ? { ...a, consulted: true } : a)) });
    expect((await read(consultedOnly, 'summary')).text).toContain('NOT QUORATE - missing: the police. No reason recorded.');
    const noManager = discussionPlan({ attendees: withoutHealth.attendees.filter((a) => a.role !== 'Team manager') });
    expect((await read(noManager, 'summary')).text).toContain("NOT QUORATE - missing: the social worker's manager. No reason recorded.");
  });

  it('marks what a draft lacks instead of leaving blanks: no owner, no rationale, a decision not recorded', async () => {
    const plan = discussionPlan();
    const { owner: _owner, due: _due, ...undated } = plan.actions[1]!;
    const draft = discussionPlan({
      actions: [{ ...plan.actions[0]!, owner: '' }, undated],
      decisions: [{ id: 's47', value: 'Yes', rationale: '' }],
    });
    const { text } = await read(draft, 'summary');
    expect(text).toContain('DRAFT: still being filled in (version 7, last changed by A. Jones on 25/11/2026 at 10:29). Not yet agreed.');
    expect(text.match(/^No owner$/gm)).toHaveLength(2);
    expect(text.match(/^No date$/gm)).toHaveLength(1);
    expect(text).toContain('Section 47 record outcome\nTimescale: by day 3');
    expect(text).toContain('No rationale recorded');
    expect(text).toContain('Not recorded'); // the other nine decisions
  });

  it('says who finalised it and when (UK time), and when the full record was circulated', async () => {
    const plan = discussionPlan({ state: 'final', finalisedAt: new Date('2026-06-03T09:31:00Z'), finalisedBy: { id: 'aad-tm-1', name: 'A. Jones' }, circulatedAt: new Date('2026-06-03T15:02:00Z') });
    expect((await read(plan, 'record')).text).toContain('Final: agreed and locked by A. Jones on 03/06/2026 at 10:31; full record circulated 03/06/2026 at 16:02.');
  });

  it('writes a decision that is a day the UK way, keeps typed text as typed, and keeps line breaks typed in a note', async () => {
    const plan = discussionPlan({
      decisions: [
        { id: 'review', value: '2026-12-02', rationale: 'After the medical.' },
        { id: 'conference', value: 'Yes, on 16/12/2026', rationale: 'Risk continues.' },
      ],
      presentingIssue: 'First line.\nSecond line & more <detail>.',
    });
    const { text } = await read(plan, 'summary');
    expect(text).toContain('02/12/2026');
    expect(text).not.toContain('2026-12-02');
    expect(text).toContain('Yes, on 16/12/2026');
    expect(text).toContain('First line.\nSecond line & more <detail>.');
  });
});
