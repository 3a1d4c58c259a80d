import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../scheduling/model/Actor.js';
import type { TeamsSource } from '../scheduling/services/CaseAccess.js';

/**
 * Who sent an activity, for the audit trail: their Entra object id where Teams gives one (stable
 * across chats), else the channel's user id.
 */
export function actorOf(context: TurnContext): Actor {
  const from = context.activity.from;
  return { id: from.aadObjectId ?? from.id, name: from.name ?? 'Teams user' };
}

/**
 * Where an activity came from, for the desk's access rule (scheduling/rules/mayActOnCase.ts): the
 * conversation as Teams names it. In production the Bot Framework token vouches for it.
 */
export function sourceOf(context: TurnContext): TeamsSource {
  const { conversation } = context.activity;
  return { kind: 'teams', conversationId: conversation.id, conversationType: conversation.conversationType ?? '' };
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
