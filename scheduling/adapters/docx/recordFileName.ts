import type { DiscussionPlan } from '../../model/DiscussionPlan.js';
import type { RecordDocumentKind } from '../../ports/RecordDocuments.js';
import { londonDateOf } from '../../rules/londonTime.js';

const kindPart: Readonly<Record<RecordDocumentKind, string>> = {
  summary: 'strategy-discussion-action-plan-summary',
  record: 'strategy-discussion-record',
};

/**
 * The document's file name: the case's N numbers, what it is, and the discussion's UK date, e.g.
 * `N146782-N146783_strategy-discussion-action-plan-summary_2026-11-25.docx`. Never a child's name:
 * the name travels as an attachment's name in mail and lands in other agencies' folders. Anything
 * but letters and digits in an N number is dropped, so the name is safe on every file system.
 */
export function recordFileName(plan: Pick<DiscussionPlan, 'nNumbers' | 'meeting'>, kind: RecordDocumentKind): string {
  const nNumbers = plan.nNumbers.map((n) => n.replace(/[^A-Za-z0-9]/g, '')).filter(Boolean);
  const caseName = nNumbers.length > 0 ? nNumbers.join('-') : 'case';
  return `${caseName}_${kindPart[kind]}_${londonDateOf(plan.meeting.start)}.docx`;
}
