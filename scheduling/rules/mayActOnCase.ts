import type { ActionSource } from '../model/ActionSource.js';
import { conversationKey } from './conversationKey.js';

/** What the access rule needs to know of a request. */
export interface CaseAccessFacts {
  /** The id (`Actor.id`) of the manager who asked for the discussion. */
  readonly requestedBy: string;
  /** The conversations where a card about the request was posted. */
  readonly postedIn: ReadonlyArray<{ readonly conversationId: string; readonly conversationType: string }>;
}

/**
 * Whether someone may act on a request (cancel it, move it, see its agenda or booking, record the
 * police contact) from where they are:
 * - its requester may, from anywhere;
 * - in a group chat or channel where a card about the request was posted, that conversation's
 *   members may (Teams delivers a card action from a conversation only to its members, and in
 *   production the Bot Framework token proves the activity came from Teams); a channel counts as
 *   one conversation whatever the thread;
 * - nobody else, whatever ids they know: a personal chat other than the requester's, or a shared
 *   conversation where no card about the request was posted, gives no right;
 * - the command line (`operator`) may: it is the operators' tool, run by people who hold the
 *   database credentials and could change the rows directly. Their actions are audited under
 *   `cli:<user>` like anyone's.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain" (only the people in the discussion see
 * its record); README "Who may act".
 * @example
 * const facts = { requestedBy: 'aad-alex', postedIn: [{ conversationId: '19:g@thread.v2', conversationType: 'groupChat' }] };
 * mayActOnCase(facts, 'aad-megan', { kind: 'teams', conversationId: '19:g@thread.v2', conversationType: 'groupChat' }) //=> true
 * mayActOnCase(facts, 'aad-megan', { kind: 'teams', conversationId: 'a:megan-personal', conversationType: 'personal' }) //=> false
 * mayActOnCase(facts, 'aad-alex', { kind: 'teams', conversationId: 'a:alex-personal', conversationType: 'personal' }) //=> true
 */
export function mayActOnCase(facts: CaseAccessFacts, actorId: string, source: ActionSource): boolean {
  if (source.kind === 'operator') return true;
  if (actorId === facts.requestedBy) return true;
  if (source.conversationType === 'personal') return false;
  const here = conversationKey(source.conversationId);
  return facts.postedIn.some((p) => p.conversationType !== 'personal' && conversationKey(p.conversationId) === here);
}
