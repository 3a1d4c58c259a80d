import { z } from 'zod';

/** Activity types the Teams and Bot Framework channels send; anything else is refused (400). */
export const activityTypes = [
  'message',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
  'event',
  'typing',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'endOfConversation',
] as const;

const account = z.looseObject({ id: z.string().min(1).max(500) });

const activity = z
  .looseObject({
    type: z.enum(activityTypes),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    from: account,
    recipient: account,
    conversation: account,
    id: z.string().max(500).optional(),
    replyToId: z.string().max(500).optional(),
    name: z.string().max(200).optional(),
  })
  .superRefine((a, ctx) => {
    // botbuilder reads value.action.type of a card action without checking it is there.
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
      const value = a.value as { action?: { type?: unknown; verb?: unknown } } | undefined;
      if (typeof value?.action?.type !== 'string' || typeof value.action.verb !== 'string') {
        ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'needs a type and a verb' });
      }
    }
  });

/**
 * Checks an incoming body is a Bot Framework activity this bot can process, before it reaches
 * the adapter (which answers some malformed activities with a 500 or ignores unknown types).
 * @returns undefined when it is, else a short description of the first problem.
 * @example
 * problemWithActivity({ type: 'bogus' }) //=> 'type: Invalid option: expected one of "message"|...'
 */
export function problemWithActivity(body: unknown): string | undefined {
  const result = activity.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
