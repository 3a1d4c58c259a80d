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
  const data = { title: 'Strategy Desk help', intro, commands: input.commands, verb: verbs.openRequest };
  // The busiest card there is, and the same few every time: expanded once per variant, then a copy
  // (parsing the JSON costs a tenth of expanding the template). Each caller gets its own object.
  const key = JSON.stringify(data);
  let json = expandedHelp.get(key);
  if (json === undefined) {
    if (expandedHelp.size >= maxHelpVariants) expandedHelp.clear();
    expandedHelp.set(key, (json = JSON.stringify(expandCard(template, data))));
  }
  return JSON.parse(json) as AdaptiveCard;
}

/** Help cards already expanded, by their data (a handful: recognised or not, shared or not, the bot's name). */
const expandedHelp = new Map<string, string>();
const maxHelpVariants = 32;
