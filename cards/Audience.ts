/**
 * Who can see a card: only the requester (`personal`, their 1:1 chat with the bot) or several
 * people (`shared`: a group chat or a channel). Children's surnames appear on personal cards only.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain".
 */
export type Audience = 'personal' | 'shared';

/**
 * The audience of a Teams conversation, from `activity.conversation.conversationType`.
 * Anything but a personal chat counts as shared, so an unknown type can never show a name.
 * @example
 * audienceOf('personal') //=> 'personal'
 * audienceOf('groupChat') //=> 'shared'
 * audienceOf(undefined) //=> 'shared'
 */
export function audienceOf(conversationType: string | undefined): Audience {
  return conversationType === 'personal' ? 'personal' : 'shared';
}

/**
 * The audience of a card about a case, for the person who will see it: `personal` only in a
 * personal chat whose viewer is the case's requester. Anyone else, even in their own personal
 * chat, sees the case by N number only.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain" (surnames only for the requester's eyes).
 * @example
 * audienceFor('personal', 'aad-alex', 'aad-alex') //=> 'personal'
 * audienceFor('personal', 'aad-megan', 'aad-alex') //=> 'shared'
 * audienceFor('groupChat', 'aad-alex', 'aad-alex') //=> 'shared'
 */
export function audienceFor(conversationType: string | undefined, viewerId: string, requesterId: string): Audience {
  return audienceOf(conversationType) === 'personal' && viewerId === requesterId ? 'personal' : 'shared';
}
