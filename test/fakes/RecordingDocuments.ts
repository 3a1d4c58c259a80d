import type { DiscussionPlan } from '../../scheduling/model/DiscussionPlan.js';
import type { RecordDocumentKind, RecordDocuments } from '../../scheduling/ports/RecordDocuments.js';

/**
 * The `RecordDocuments` port for tests: a small text "document" naming the plan and its version,
 * recording each build. The real one is the Word document adapter (scheduling/adapters/docx/).
 */
export class RecordingDocuments implements RecordDocuments {
  readonly built: Array<{ discussionId: string; version: number; kind: RecordDocumentKind }> = [];

  async build(plan: DiscussionPlan, kind: RecordDocumentKind): Promise<{ fileName: string; contentType: string; content: Uint8Array }> {
    this.built.push({ discussionId: plan.id, version: plan.version, kind });
    return {
      fileName: `${plan.nNumbers.join('-')}-${kind === 'summary' ? 'action-plan' : 'record'}.docx`,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      content: new TextEncoder().encode(`${kind} of ${plan.id} v${plan.version}`),
    };
  }
}
