import type { AttendeeResponse, AttendeeStatus } from '../model/ConferenceEvent.js';

/** The responses that are an answer to the invite. */
export type Answer = Extract<AttendeeResponse, 'accepted' | 'declined' | 'tentativelyAccepted'>;

const answers: ReadonlySet<AttendeeResponse> = new Set<AttendeeResponse>(['accepted', 'declined', 'tentativelyAccepted']);

/** Whether a response answers the invite (not `none`, `notResponded` or `organizer`). */
export const isAnswer = (response: AttendeeResponse): response is Answer => answers.has(response);

/**
 * The attendees who answered since the event was last seen: an answer that is new, or differs
 * from the one seen (accepted after tentative, declined after accepted). A reply going back to
 * `none` (Exchange asks everyone again after a move) is no answer; the same answer sent again is
 * not new. Addresses compare without case.
 * Rule: issue 8 "The police's reply to the invite" (each reply is told once).
 * @param seen the attendees as last seen (empty the first time).
 * @param now the attendees as the calendar shows them now.
 * @example
 * newReplies([{ address: 'pru@x', type: 'required', response: 'none' }], [{ address: 'pru@x', type: 'required', response: 'accepted', respondedAt }])
 * //=> [{ address: 'pru@x', type: 'required', response: 'accepted', respondedAt }]
 */
export function newReplies(seen: readonly AttendeeStatus[], now: readonly AttendeeStatus[]): Array<AttendeeStatus & { readonly response: Answer }> {
  const before = new Map(seen.map((a) => [a.address.toLowerCase(), a.response]));
  return now.filter((a): a is AttendeeStatus & { response: Answer } => isAnswer(a.response) && before.get(a.address.toLowerCase()) !== a.response);
}
