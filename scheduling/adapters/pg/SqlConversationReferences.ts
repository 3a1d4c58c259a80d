import { json } from './sqlRows.js';
import type { ConversationReferences } from '../../ports/ConversationReferences.js';
import type { Db } from './Db.js';

/**
 * Teams conversation references over PGlite or PostgreSQL.
 */
export class SqlConversationReferences implements ConversationReferences {
  constructor(private readonly db: Db) {}

  async saveConversationReference(userId: string, conversationId: string, reference: unknown, at: Date): Promise<void> {
    await this.db.query(
      `insert into conversation_refs (user_id, conversation_id, reference, updated_at) values ($1, $2, $3::jsonb, $4)
       on conflict (user_id, conversation_id) do update set reference = excluded.reference, updated_at = excluded.updated_at`,
      [userId, conversationId, json(reference), at],
    );
  }

  async conversationReferencesOf(userId: string): Promise<readonly unknown[]> {
    const { rows } = await this.db.query<{ reference: unknown }>('select reference from conversation_refs where user_id = $1 order by updated_at desc', [userId]);
    return rows.map((r) => r.reference);
  }

  async conversationReferenceIn(conversationId: string): Promise<unknown> {
    const { rows } = await this.db.query<{ reference: unknown }>('select reference from conversation_refs where conversation_id = $1 order by updated_at desc limit 1', [conversationId]);
    return rows[0]?.reference;
  }
}
