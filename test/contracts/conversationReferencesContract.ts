import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { at, storesPerTest } from './storeFixtures.js';

/**
 * What every ConversationReferences adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlConversationReferences.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function conversationReferencesContract(name: string, openDb: () => Promise<Db>): void {
  describe(`ConversationReferences contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('keeps conversation references per user and conversation, newest first', async () => {
      await t.stores.conversations.saveConversationReference('aad-1', 'c1', { conversation: { id: 'c1' }, serviceUrl: 'https://a' }, at);
      await t.stores.conversations.saveConversationReference('aad-1', 'c2', { conversation: { id: 'c2' } }, new Date(at.getTime() + 1000));
      await t.stores.conversations.saveConversationReference('aad-1', 'c1', { conversation: { id: 'c1' }, serviceUrl: 'https://b' }, new Date(at.getTime() + 2000));
      expect(await t.stores.conversations.conversationReferencesOf('aad-1')).toEqual([{ conversation: { id: 'c1' }, serviceUrl: 'https://b' }, { conversation: { id: 'c2' } }]);
      expect(await t.stores.conversations.conversationReferencesOf('nobody')).toEqual([]);
    });

    it("gives a conversation's newest reference, whoever it was kept for", async () => {
      await t.stores.conversations.saveConversationReference('aad-1', '19:g@thread.v2', { user: { id: 'u1' } }, at);
      await t.stores.conversations.saveConversationReference('aad-2', '19:g@thread.v2', { user: { id: 'u2' } }, new Date(at.getTime() + 1000));
      await t.stores.conversations.saveConversationReference('aad-1', 'a:personal', { user: { id: 'u1' } }, new Date(at.getTime() + 2000));
      expect(await t.stores.conversations.conversationReferenceIn('19:g@thread.v2')).toEqual({ user: { id: 'u2' } });
      expect(await t.stores.conversations.conversationReferenceIn('19:never@thread.v2')).toBeUndefined();
    });
  });
}
