import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Agency, AgendaItem, DecisionId, DiscussionPlan, PlanAttendee, RiskScale } from '../../model/DiscussionPlan.js';
import { decisionNames } from '../../model/DiscussionPlan.js';
import type { RecordDocumentKind, RecordDocuments } from '../../ports/RecordDocuments.js';
import { agenda } from '../../rules/agenda.js';
import { formatUkDate, formatUkDateInWords } from '../../rules/formatUkDate.js';
import { formatUkTime } from '../../rules/formatUkDateTime.js';
import { londonDateOf } from '../../rules/londonTime.js';
import { isPlainDate } from '../../rules/PlainDate.js';
import { quorumMemberNames, quorumOf } from '../../rules/quorum.js';
import { recordFileName } from './recordFileName.js';

export const docxContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 portrait, 2 cm margins: 11906 - 2 x 1134 twips of text width. */
const PAGE_MARGIN = 1134;
const TEXT_WIDTH = 11906 - 2 * PAGE_MARGIN;
const FONT = 'Arial';
const HEADER_FILL = 'D9D9D9';
const WARNING = 'C00000';

const agencyNames: Readonly<Record<Agency, string>> = {
  'social-care': 'Children’s social care',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  other: 'Other',
};


/** The seed's risk-scaling headings (Liverpool: past harm, future danger, ... safety goals). */
const riskHeadings: ReadonlyArray<[keyof Omit<RiskScale, 'agency' | 'score'>, string]> = [
  ['pastHarm', 'Past harm'],
  ['futureDanger', 'Future danger'],
  ['complicatingFactors', 'Complicating factors'],
  ['strengths', 'Existing strengths'],
  ['existingSafety', 'Existing safety'],
  ['goals', 'Safety goals'],
];

/** The template's own note under the action plan (seed 003). */
const templateNote =
  'Following any strategy discussion or meeting, a list of action points, timescales, agreed roles and responsibilities and an agreed mechanism for reviewing completion of the action points must be recorded using the “Record of Strategy Discussion” on the case record. This document is not a substitute for the full record of the strategy discussion or meeting, which must be circulated to all participants within one working day. A copy should be provided to all participating agencies at the conclusion of the meeting, and retained in agency records.';

// ---- small building blocks --------------------------------------------------------------------

/** Runs for a text, a line break for each newline typed in it. */
function runs(text: string, style: { bold?: boolean; color?: string; italics?: boolean; size?: number } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, font: FONT, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

function para(text: string, style: Parameters<typeof runs>[1] = {}, options: { spacingAfter?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({ children: runs(text, style), spacing: { after: options.spacingAfter ?? 60 }, ...(options.alignment ? { alignment: options.alignment } : {}) });
}

/** A label in bold followed by its value, as the template's "MEETING VENUE ..." lines. */
function labelled(label: string, value: string, valueStyle: Parameters<typeof runs>[1] = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label} `, bold: true, font: FONT }), ...runs(value, valueStyle)], spacing: { after: 80 } });
}

/** A section heading in the template's style: capitals, bold. */
function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [new TextRun({ text: text.toUpperCase(), bold: true, font: FONT, size: 22, color: '000000' })],
    spacing: { before: 280, after: 100 },
    keepNext: true,
  });
}

function subheading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun({ text, bold: true, font: FONT, size: 20, color: '000000' })], spacing: { before: 160, after: 60 }, keepNext: true });
}

function cell(text: string, width: number, options: { header?: boolean; bold?: boolean; color?: string; span?: number; fill?: string } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text || ' ', { bold: options.header || options.bold, color: options.color, size: 19 }), spacing: { before: 20, after: 20 } })],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.header || options.fill ? { shading: { fill: options.fill ?? HEADER_FILL, type: ShadingType.CLEAR, color: 'auto' } } : {}),
  });
}

/** A table with a grey header row repeated on every page, and rows kept whole. */
function table(widths: readonly number[], head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | TableCell>>): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...widths],
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell(h, widths[i]!, { header: true })) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => (typeof c === 'string' ? cell(c, widths[i]!) : c)) })),
    ],
  });
}

/** The gap a table leaves before what follows. */
const gap = () => new Paragraph({ children: [], spacing: { after: 60 } });

// ---- what the record says ---------------------------------------------------------------------

/** The quorum line (scheduling/rules/quorum.ts): quorate, or who was missing and the reason given. */
function quorumLine(plan: DiscussionPlan): { quorate: boolean; text: string } {
  const quorum = quorumOf(plan.attendees);
  if (quorum.quorate) return { quorate: true, text: 'Quorate: the social worker, their manager, police and health in attendance.' };
  const reason = plan.notQuorateReason?.trim() ? `Reason: ${plan.notQuorateReason.trim()}` : 'No reason recorded.';
  return { quorate: false, text: `NOT QUORATE - missing: ${quorum.missing.map((m) => quorumMemberNames[m]).join(', ')}. ${reason}` };
}

function stateLine(plan: DiscussionPlan): string {
  const when = (at: Date) => `${formatUkDate(londonDateOf(at))} at ${formatUkTime(at)}`;
  if (plan.state === 'final' || plan.finalisedAt) {
    const by = plan.finalisedBy ? ` by ${plan.finalisedBy.name}` : '';
    const circulated = plan.circulatedAt ? `; full record circulated ${when(plan.circulatedAt)}` : '';
    return `Final: agreed and locked${by}${plan.finalisedAt ? ` on ${when(plan.finalisedAt)}` : ''}${circulated}.`;
  }
  return `DRAFT: still being filled in (version ${plan.version}, last changed by ${plan.updatedBy.name} on ${when(plan.updatedAt)}). Not yet agreed.`;
}

function venueText(venue: string): string {
  if (venue === 'dial-in') return 'Conference call (dial-in)';
  if (venue === 'teams') return 'Microsoft Teams meeting';
  return venue;
}

function childrenTable(plan: DiscussionPlan): Table {
  const w = [2500, 1300, 4038, 1800];
  return table(
    w,
    ['Name', 'Child ID', 'Address', 'DOB'],
    plan.children.length > 0
      ? plan.children.map((c) => [c.name, c.nNumber, c.address ?? '', c.dateOfBirth ? formatUkDate(c.dateOfBirth) : ''])
      : plan.nNumbers.map((n) => ['', n, '', '']),
  );
}

function meetingTable(plan: DiscussionPlan): Table {
  const w = [1900, 2919, 1900, 2919];
  const label = (text: string, width: number) => cell(text, width, { header: true });
  const rows = [
    new TableRow({ cantSplit: true, children: [label('MEETING DATE', w[0]!), cell(formatUkDateInWords(londonDateOf(plan.meeting.start)), w[1]!), label('MEETING TIME', w[2]!), cell(formatUkTime(plan.meeting.start), w[3]!)] }),
    new TableRow({ cantSplit: true, children: [label('MEETING VENUE', w[0]!), cell(venueText(plan.meeting.venue), w[1]! + w[2]! + w[3]!, { span: 3 })] }),
    ...(plan.meeting.timingReason
      ? [new TableRow({ cantSplit: true, children: [label('WHY THIS TIME', w[0]!), cell(plan.meeting.timingReason, w[1]! + w[2]! + w[3]!, { span: 3 })] })]
      : []),
  ];
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: w, rows });
}

function attendanceTable(attendees: readonly PlanAttendee[], signature: boolean): Table {
  const w = signature ? [2200, 2500, 1500, 2038, 1400] : [2200, 2500, 1500, 3438];
  const head = signature ? ['Name', 'Organisation', 'Agency', 'Role', 'Signature (confirmed)'] : ['Name', 'Organisation', 'Agency', 'Role'];
  return table(
    w,
    head,
    attendees.map((a) => {
      const row: Array<string | TableCell> = [a.name, a.organisation, agencyNames[a.agency], a.role];
      if (signature) row.push(a.confirmed ? 'Confirmed' : cell('Not confirmed', w[4]!, { color: '7F7F7F' }));
      return row;
    }),
  );
}

function attendance(plan: DiscussionPlan): Array<Paragraph | Table> {
  const attending = plan.attendees.filter((a) => !a.consulted);
  const consulted = plan.attendees.filter((a) => a.consulted);
  const quorum = quorumLine(plan);
  const out: Array<Paragraph | Table> = [heading('In attendance:'), attendanceTable(attending, true)];
  out.push(new Paragraph({ children: runs(quorum.text, quorum.quorate ? { bold: true } : { bold: true, color: WARNING }), spacing: { before: 80, after: 60 } }));
  if (quorum.quorate && plan.notQuorateReason?.trim()) out.push(labelled('Note on attendance:', plan.notQuorateReason.trim()));
  if (consulted.length > 0) out.push(subheading('Consulted, not attending'), attendanceTable(consulted, false));
  return out;
}

function actionsTable(plan: DiscussionPlan): Table {
  const w = [450, 4388, 2000, 1500, 1300];
  return table(
    w,
    ['', 'Action (with timescale)', 'Owner', 'Completion by', 'Done'],
    plan.actions.map((a, i) => {
      const owner = a.owner?.trim() ?? '';
      return [
        String(i + 1),
        a.timescale ? `${a.text}\nTimescale: ${a.timescale}` : a.text,
        owner ? owner : cell('No owner', w[2]!, { color: WARNING, bold: true }),
        a.due ? formatUkDate(a.due) : cell('No date', w[3]!, { color: WARNING, bold: true }),
        a.done ? 'Done' : 'Not yet',
      ];
    }),
  );
}

function decisionsTable(plan: DiscussionPlan): Table {
  const w = [2300, 3200, 4138];
  const byId = new Map(plan.decisions.map((d) => [d.id, d]));
  const order = [...(Object.keys(decisionNames) as DecisionId[]), ...plan.decisions.map((d) => d.id).filter((id) => !(id in decisionNames))];
  return table(
    w,
    ['Decision', 'Agreed', 'Rationale'],
    order.map((id) => {
      const d = byId.get(id);
      if (!d) return [decisionNames[id] ?? id, cell('Not recorded', w[1]!, { color: '7F7F7F' }), ''];
      // A decision that is a day (a review date, a conference date) is written the UK way.
      return [decisionNames[id] ?? id, isPlainDate(d.value.trim()) ? formatUkDate(d.value.trim()) : d.value, d.rationale.trim() ? d.rationale : cell('No rationale recorded', w[2]!, { color: WARNING, bold: true })];
    }),
  );
}

function agendaNotes(plan: DiscussionPlan): Array<Paragraph | Table> {
  const childName = new Map(plan.children.map((c) => [c.id, `${c.name} (${c.nNumber})`]));
  const about = (item: AgendaItem, text?: string) => {
    if (!text) return undefined;
    if (text in agencyNames) return agencyNames[text as Agency];
    if (item === 4 || childName.has(text)) return childName.get(text) ?? text;
    return text;
  };
  const out: Array<Paragraph | Table> = [heading('Record of the discussion')];
  agenda.forEach((title, index) => {
    const item = (index + 1) as AgendaItem;
    out.push(subheading(`${item}. ${title}`));
    const notes = plan.agendaNotes.filter((n) => n.item === item);
    if (notes.length === 0) out.push(para('No notes recorded.', { italics: true, color: '7F7F7F' }));
    for (const note of notes) {
      const label = about(item, note.about);
      out.push(new Paragraph({ children: [...(label ? [new TextRun({ text: `${label}: `, bold: true, font: FONT })] : []), ...runs(note.text)], spacing: { after: 60 }, bullet: { level: 0 } }));
    }
    if (item === 5) out.push(...wishesAndFeelings(plan));
  });
  return out;
}

function wishesAndFeelings(plan: DiscussionPlan): Paragraph[] {
  const w = plan.wishesAndFeelings;
  if (!w) return [];
  const lines: Array<[string, string | undefined]> = [
    ['Interpreter:', w.interpreter],
    ['Advocate:', w.advocate],
    ['Where:', w.where],
    ['Notes:', w.notes],
  ];
  return [subheading('The child’s wishes and feelings'), ...lines.filter(([, v]) => v?.trim()).map(([label, value]) => labelled(label, value!))];
}

function riskScaling(plan: DiscussionPlan): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading('Risk scaling'), para('Each agency’s scale: 0 = harm or further harm almost certain, 10 = the child is safe enough for the case to close.', { italics: true })];
  if (plan.riskScaling.length === 0) out.push(para('No risk scaling recorded.', { italics: true, color: '7F7F7F' }));
  const w = [2600, TEXT_WIDTH - 2600];
  for (const scale of plan.riskScaling) {
    out.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: w,
        rows: [
          // Each agency's scale stays on one page: every row is kept with the next but the last.
          new TableRow({ cantSplit: true, keepNext: true, children: [cell(agencyNames[scale.agency], w[0]!, { header: true }), cell(`Scale: ${scale.score} / 10`, w[1]!, { header: true })] }),
          ...riskHeadings.map(
            ([key, label], i) => new TableRow({ cantSplit: true, keepNext: i < riskHeadings.length - 1, children: [cell(label, w[0]!, { bold: true }), cell(scale[key] ?? '', w[1]!)] }),
          ),
        ],
      }),
      gap(),
    );
  }
  return out;
}

// ---- the two documents -----------------------------------------------------------------------

function body(plan: DiscussionPlan, kind: RecordDocumentKind): Array<Paragraph | Table> {
  const title = kind === 'summary' ? 'STRATEGY MEETING ACTION PLAN SUMMARY' : 'RECORD OF STRATEGY DISCUSSION';
  const state = stateLine(plan);
  const out: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true, font: FONT, size: 30, color: '000000' })], spacing: { after: 80 } }),
    para(state, { bold: true, ...(plan.state === 'final' || plan.finalisedAt ? {} : { color: WARNING }) }, { alignment: AlignmentType.CENTER, spacingAfter: 200 }),
    heading('Agreed action plan in respect of:'),
    childrenTable(plan),
    gap(),
    meetingTable(plan),
    ...attendance(plan),
    heading('Presenting issue:'),
    para(plan.presentingIssue?.trim() ? plan.presentingIssue : 'Not recorded.', plan.presentingIssue?.trim() ? {} : { italics: true, color: '7F7F7F' }),
  ];
  if (kind === 'record') out.push(...agendaNotes(plan), ...riskScaling(plan));
  out.push(heading('Agreed action plan'), actionsTable(plan), heading('Decisions and their rationale'), decisionsTable(plan));
  if (kind === 'summary') out.push(heading('Notes:'), para(templateNote, { size: 18 }));
  return out;
}

/**
 * The discussion record as a Word document, in the shape of the seeds' "strategy meeting action
 * plan summary" template (003): the children table, meeting date, time and venue, the attendance
 * with its signature (confirmed) column, the presenting issue, the agreed action plan (action with
 * timescale, owner, completion date), and the decisions with their rationale. `summary` adds the
 * template's note; `record` adds the discussion itself: notes per agenda item, the child's wishes
 * and feelings, and each agency's risk scaling under the seed's headings. Dates and times are UK
 * (Europe/London, 24-hour). The file is named by N number and date; the document's properties
 * (title, subject) name the case by N number only.
 */
export class DocxRecordDocuments implements RecordDocuments {
  async build(plan: DiscussionPlan, kind: RecordDocumentKind): Promise<{ readonly fileName: string; readonly contentType: string; readonly content: Uint8Array }> {
    const cases = plan.nNumbers.join(', ');
    const day = formatUkDate(londonDateOf(plan.meeting.start));
    const what = kind === 'summary' ? 'Strategy discussion action plan summary' : 'Strategy discussion record';
    const document = new Document({
      creator: 'Strategy Desk',
      lastModifiedBy: 'Strategy Desk',
      title: `${what} ${cases} ${day}`,
      subject: `${what} ${cases}`,
      description: 'OFFICIAL-SENSITIVE. Children’s social care strategy discussion.',
      styles: { default: { document: { run: { font: FONT, size: 20 } } } },
      sections: [
        {
          properties: { page: { margin: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN } } },
          headers: {
            default: new Header({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ text: 'OFFICIAL-SENSITIVE', bold: true, font: FONT, size: 18 })],
                  border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 2 } },
                }),
              ],
            }),
          },
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [new TextRun({ children: [`${what}, ${cases}, ${day} - page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], font: FONT, size: 16, color: '595959' })],
                }),
              ],
            }),
          },
          children: body(plan, kind),
        },
      ],
    });
    const content = new Uint8Array(await Packer.toBuffer(document));
    return { fileName: recordFileName(plan, kind), contentType: docxContentType, content };
  }
}
