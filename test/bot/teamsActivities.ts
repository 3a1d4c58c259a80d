import { randomUUID } from 'node:crypto';

export type ConversationType = 'personal' | 'groupChat' | 'channel';

export const botAccount = { id: '28:strategy-desk-bot', name: 'Strategy Desk' };
export const alex = { id: '29:alex-wilber', name: 'Alex Wilber', aadObjectId: 'aad-alex-wilber' };
export const megan = { id: '29:megan-bowen', name: 'Megan Bowen', aadObjectId: 'aad-megan-bowen' };

export interface Where {
  readonly serviceUrl: string;
  readonly conversationType?: ConversationType;
  readonly conversationId?: string;
  readonly from?: typeof alex;
}

/** The envelope every activity from Teams carries. */
function envelope(where: Where) {
  const conversationType = where.conversationType ?? 'personal';
  return {
    id: `act-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: '2026-11-23T10:00:00.000Z',
    from: where.from ?? alex,
    recipient: botAccount,
    conversation: {
      id: where.conversationId ?? `a:${conversationType}-conversation`,
      conversationType,
      tenantId: 'tenant-1',
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
  };
}

/** A message as Teams sends it (in a channel the text starts with an @mention of the bot). */
export function teamsMessage(text: string, where: Where) {
  const mention = where.conversationType === 'channel' ? `<at>${botAccount.name}</at> ` : '';
  return { ...envelope(where), type: 'message', text: `${mention}${text}`, textFormat: 'plain' };
}

/** An `adaptiveCard/action` invoke: someone pressed an Action.Execute button on card `cardId`. */
export function cardAction(verb: string, data: Record<string, unknown>, where: Where & { cardId: string }) {
  return {
    ...envelope(where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: where.cardId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

/** The conversationUpdate Teams sends when the bot is added (app installed, or added to a chat). */
export function botAdded(where: Where) {
  return { ...envelope(where), type: 'conversationUpdate', membersAdded: [botAccount], from: where.from ?? alex };
}

/**
 * The Action.Submit fallback of a card button (clients without Universal Actions): a message
 * whose `value` carries the verb and the data, replying to the card with id `cardId`.
 */
export function cardSubmit(verb: string, data: Record<string, unknown>, where: Where & { cardId: string }) {
  return { ...envelope(where), type: 'message', replyToId: where.cardId, value: { verb, ...data } };
}
