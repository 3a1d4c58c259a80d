import type { ActionSource } from '../model/ActionSource.js';
import { mayActOnCase } from './mayActOnCase.js';

/** What the participant rule needs to know of a discussion. */
export interface PlanParticipantFacts {
  /** The requester's id (`Actor.id`). */
  readonly requestedBy: string;
  /** The request's invitees (email addresses). */
  readonly invitees: readonly string[];
  /** The attendance: Teams user ids and emails, where known. */
  readonly attendees: ReadonlyArray<{ readonly userId?: string; readonly email?: string }>;
  /** The conversations where the plan card was posted. */
  readonly planPostedIn: ReadonlyArray<{ readonly conversationId: string; readonly conversationType: string }>;
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether someone is a participant of a discussion, and so may read its full plan and change it,
 * from where they are:
 * - the requester, from anywhere;
 * - an invitee of the request or a person in the attendance, known by email (the bot fills the
 *   actor's email from their Teams profile) or, for the attendance, by Teams user id, from anywhere;
 * - in a group chat, channel or meeting chat where the plan card was posted, its members (Teams
 *   delivers a card action only to the conversation's members);
 * - the command line (`operator`), as for every case (rules/mayActOnCase.ts);
 * - nobody else, whatever ids they know.
 * Rule: issue 9 "Privacy" (the requester, invitees, people in attendance, members of the meeting
 * chat); DOMAIN.md "Only the people in the discussion see its record".
 * @example
 * isPlanParticipant({ requestedBy: 'aad-alex', invitees: ['hv@nhs.example'], attendees: [], planPostedIn: [] }, { id: 'aad-hv', email: 'HV@nhs.example' }, personalChat) //=> true
 */
export function isPlanParticipant(facts: PlanParticipantFacts, actor: { readonly id: string; readonly email?: string }, source: ActionSource): boolean {
  if (facts.attendees.some((a) => a.userId !== undefined && a.userId === actor.id)) return true;
  const email = actor.email?.trim();
  if (email) {
    if (facts.invitees.some((i) => sameEmail(i, email))) return true;
    if (facts.attendees.some((a) => a.email !== undefined && sameEmail(a.email, email))) return true;
  }
  // The requester, the command line, and members of a shared conversation holding the plan card:
  // the case rule over the plan's postings.
  return mayActOnCase({ requestedBy: facts.requestedBy, postedIn: facts.planPostedIn }, actor.id, source);
}
