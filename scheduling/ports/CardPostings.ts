import type { Actor } from '../model/Actor.js';
import type { CardPosting } from '../model/CardPosting.js';

/**
 * Where cards about each request were posted (conversation and activity id): the members of a
 * shared conversation holding one may act on the request (rules/mayActOnCase.ts), and later
 * features update those cards.
 * Adapter: `SqlCardPostings` (PGlite or PostgreSQL); contract: test/contracts/cardPostingsContract.ts.
 */
export interface CardPostings {
  /** Records where a card about a request was posted (or updated in place); a repeat is a no-op. Audited once. */
  recordCardPosting(posting: CardPosting, actor: Actor, at: Date): Promise<void>;
  /** Where cards about the request were posted, oldest first. */
  cardPostingsOf(requestId: string): Promise<readonly CardPosting[]>;
}
