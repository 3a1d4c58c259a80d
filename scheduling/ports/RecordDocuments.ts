import type { DiscussionPlan } from '../model/DiscussionPlan.js';

/** Which document: the action plan summary (sent at the conclusion) or the full record (plan and agenda notes). */
export type RecordDocumentKind = 'summary' | 'record';

/**
 * Builds the discussion's record as a document in the shape of the seeds' "strategy meeting
 * action plan summary" template, for the case record and for every attending agency.
 * Adapter: scheduling/adapters/docx/ (a Word document built with the `docx` package).
 */
export interface RecordDocuments {
  /** The document's bytes and its file name (named by N number, never by a child's name). */
  build(plan: DiscussionPlan, kind: RecordDocumentKind): Promise<{ readonly fileName: string; readonly contentType: string; readonly content: Uint8Array }>;
}
