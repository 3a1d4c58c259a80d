import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { CommandHelp } from './CommandHelp.js';
import { inertText } from './inertText.js';
import template from './introCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

const help = 'Type one of these, or press the button to start a request.';

/**
 * Said in a group chat or channel, where Teams only passes the bot messages that @mention it; the
 * example uses the bot's name as the tenant shows it (the activity's recipient), else the manifest's.
 * @example
 * mentionFirst('Children MASH Desk') //=> 'In a group chat or channel, @mention me first, for example: @Children MASH Desk book'
 */
export function mentionFirst(botName?: string): string {
  const name = botName?.trim() ? inertText(botName.trim()) : 'Strategy Desk';
  return `In a group chat or channel, @mention me first, for example: @${name} book`;
}

/**
 * The help card: the commands, and a button to start a request. Free text that is not a command
 * gets it too (`notRecognised`), never silence.
 * @example
 * helpCard({ commands, notRecognised: true }) // opens with 'I did not recognise that message.'
 */
export function helpCard(input: { commands: readonly CommandHelp[]; notRecognised: boolean; shared?: boolean; botName?: string }): AdaptiveCard {
  const intro = [...(input.notRecognised ? ['I did not recognise that message.', help] : [help]), ...(input.shared ? [mentionFirst(input.botName)] : [])];
  return expandCard(template, { title: 'Strategy Desk help', intro, commands: input.commands, verb: verbs.openRequest });
}
