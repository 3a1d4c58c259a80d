import type { Actor } from '../../model/Actor.js';
import type { CardPosting, PostedCard } from '../../model/CardPosting.js';
import { conversationKey } from '../../rules/conversationKey.js';
import { writeAudit } from './sqlRows.js';
import type { CardPostings } from '../../ports/CardPostings.js';
import type { Db } from './Db.js';

/**
 * Where cards about each request were posted, over PGlite or PostgreSQL.
 */
export class SqlCardPostings implements CardPostings {
  constructor(private readonly db: Db) {}

  async recordCardPosting(posting: CardPosting, actor: Actor, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into card_postings (request_id, conversation_id, conversation_key, conversation_type, activity_id, card, posted_at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning request_id`,
        [posting.requestId, posting.conversationId, conversationKey(posting.conversationId), posting.conversationType, posting.activityId, posting.card, at],
      );
      if (inserted.rows.length === 0) return;
      const where = { conversationId: posting.conversationId, conversationType: posting.conversationType, activityId: posting.activityId, card: posting.card };
      await writeAudit(tx, { at, actor, action: 'request.card-posted', entity: 'request', entityId: posting.requestId, after: where });
    });
  }

  async cardPostingsOf(requestId: string): Promise<readonly CardPosting[]> {
    const { rows } = await this.db.query<{ request_id: string; conversation_id: string; conversation_type: string; activity_id: string; card: PostedCard }>(
      'select request_id, conversation_id, conversation_type, activity_id, card from card_postings where request_id = $1 order by posted_at, seq',
      [requestId],
    );
    return rows.map((r) => ({ requestId: r.request_id, conversationId: r.conversation_id, conversationType: r.conversation_type, activityId: r.activity_id, card: r.card }));
  }
}
