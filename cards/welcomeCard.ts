import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { CommandHelp } from './CommandHelp.js';
import { mentionFirst } from './helpCard.js';
import template from './introCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

const intro = [
  'I book strategy discussions with the police referral unit. Fill in one card and I find the next conference slot on the police rota, send the calendar invite and email the request.',
  'If the case is urgent (a live section 47), tick the criterion that applies: the request goes to the police at once, and I show you who to call if they have not phoned within the hour.',
];

/**
 * The welcome card, sent when the app is installed or the bot is added to a chat or team.
 * @example
 * welcomeCard({ commands }).actions[0].verb //=> 'strategy.open'
 */
export function welcomeCard(input: { commands: readonly CommandHelp[]; shared?: boolean; botName?: string }): AdaptiveCard {
  return expandCard(template, { title: 'Strategy Desk', intro: input.shared ? [...intro, mentionFirst(input.botName)] : intro, commands: input.commands, verb: verbs.openRequest });
}
