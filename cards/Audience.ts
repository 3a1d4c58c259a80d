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
