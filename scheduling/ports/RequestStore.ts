import type { Actor } from '../model/Actor.js';
import type { DiscussionRequest, Route, StoredRequest } from '../model/DiscussionRequest.js';

/**
 * Requests for strategy discussions, kept under their idempotency key, with the urgent route's stamps.
 * Adapter: `SqlRequestStore` (PGlite or PostgreSQL); contract: test/contracts/requestStoreContract.ts.
 * Every change writes its audit entry in the same transaction.
 */
export interface RequestStore {
  /** Saves a request under its idempotency key; the same key again returns the first, `created: false`. */
  saveRequest(request: DiscussionRequest & { id: string; idempotencyKey: string; route: Route }, actor: Actor, at: Date): Promise<{ request: StoredRequest; created: boolean }>;
  getRequest(id: string): Promise<StoredRequest | undefined>;
  findRequestByKey(idempotencyKey: string): Promise<StoredRequest | undefined>;
  markUrgentSent(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;
  /** Urgent requests saved before `before` whose URGENT S47 ENQUIRY email is not recorded as sent. */
  urgentRequestsUnsent(before: Date): Promise<readonly StoredRequest[]>;
  /** Records the police contact on an urgent request (first one wins; a repeat returns the first). */
  recordPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;
  /** Clears a recorded police contact (audited as `request.police-contact-undone`); without one, returns the request as it is. */
  undoPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;
  /**
   * Records that police had not called in time: the urgent request escalates to level 1. Only
   * once, and never after police contact (the request is returned as it is).
   */
  markEscalated(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;
  /**
   * Records a failed attempt to reach escalation level `level` (audited) and moves the request to
   * `next` - only while `level` is the level shown now and police contact is not recorded (a
   * double click changes nothing twice).
   */
  recordEscalationAttempt(requestId: string, level: number, next: number, at: Date, actor: Actor): Promise<StoredRequest>;
}
