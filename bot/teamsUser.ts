import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../scheduling/ports/Store.js';

/**
 * Who sent an activity, for the audit trail: their Entra object id where Teams gives one (stable
 * across chats), else the channel's user id.
 */
export function actorOf(context: TurnContext): Actor {
  const from = context.activity.from;
  return { id: from.aadObjectId ?? from.id, name: from.name ?? 'Teams user' };
}

/**
 * The sender's email address from their Teams profile, or `undefined` when Teams cannot say
 * (another tenant, a playground, a connector error): the invite then goes without it.
 */
export async function emailOf(context: TurnContext): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? member.userPrincipalName;
    return email && email.includes('@') ? email : undefined;
  } catch {
    return undefined;
  }
}
