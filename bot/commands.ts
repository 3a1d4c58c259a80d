import type { CommandHelp } from '../cards/CommandHelp.js';

/** What a manager can type to the bot. The Teams manifest's command lists mirror these. */
export const commands = [
  { command: 'book', title: 'book', description: 'Request a strategy discussion (also: request, new)' },
  { command: 'my bookings', title: 'my bookings', description: 'List your strategy discussions from now on' },
  { command: 'my deadlines', title: 'my deadlines', description: 'What is due and overdue for you, soonest first' },
  { command: 'cancel', title: 'cancel N146782', description: 'Cancel your booking for that N number' },
  { command: 'agenda', title: 'agenda N146782', description: 'Post the agenda and the shared action plan for that case here' },
  { command: 'help', title: 'help', description: 'Show what I can do' },
] as const satisfies readonly (CommandHelp & { command: string })[];

export type Command =
  | { readonly kind: 'book' }
  | { readonly kind: 'myBookings' }
  | { readonly kind: 'myDeadlines' }
  | { readonly kind: 'cancel'; readonly nNumber?: string }
  | { readonly kind: 'agenda'; readonly nNumber?: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown' };

/**
 * The longest message text that can hold a command: the longest command with an @mention and
 * Teams' HTML around it fits many times over. Longer text is never a command, so reading it costs
 * nothing (a message can be up to the body limit, 256 KB).
 */
export const maxCommandLength = 1000;

/**
 * The text with Teams' markup taken out: an `<at>...</at>` mention goes whole, any other tag is
 * replaced by a space, and `&nbsp;` is a space. One pass, linear in the length: a `<` that never
 * closes is text, and a mention that never closes is only its opening tag.
 * @example
 * withoutMarkup('<p><at>Strategy Desk</at>&nbsp;help</p>') //=> '   help '
 */
function withoutMarkup(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let at = 0;
  let unclosedMentionFrom = Infinity; // no '</at>' after this index
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open === -1) break;
    const close = text.indexOf('>', open + 1);
    if (close === -1) break; // no tag can close any more: the rest is text
    out += text.slice(at, open);
    at = close + 1;
    if (/^<at(\s[^>]*)?>$/.test(lower.slice(open, Math.min(close + 1, open + 200))) && open < unclosedMentionFrom) {
      const end = lower.indexOf('</at>', at);
      if (end === -1) unclosedMentionFrom = open;
      else at = end + '</at>'.length;
    }
    out += ' ';
  }
  return (out + text.slice(at)).replace(/&nbsp;/gi, ' ');
}

/**
 * The command in a message's text, after Teams' @mention and markup are taken out. Case and
 * extra spaces do not matter; anything else, and any text over `maxCommandLength` characters,
 * is `unknown` (the bot answers it with help).
 * @example
 * parseCommand('<at>Strategy Desk</at> Cancel  n146782') //=> { kind: 'cancel', nNumber: 'N146782' }
 * parseCommand('hello') //=> { kind: 'unknown' }
 */
export function parseCommand(text: string | undefined): Command {
  if (typeof text !== 'string' || text.length > maxCommandLength) return { kind: 'unknown' };
  const words = withoutMarkup(text)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const [first = '', second, ...rest] = words.map((w) => w.toLowerCase());
  if (['book', 'request', 'new'].includes(first) && second === undefined) return { kind: 'book' };
  if (first === 'my' && second === 'bookings' && rest.length === 0) return { kind: 'myBookings' };
  if (first === 'my' && second === 'deadlines' && rest.length === 0) return { kind: 'myDeadlines' };
  if (first === 'help' && second === undefined) return { kind: 'help' };
  if (first === 'cancel' && rest.length === 0) return second === undefined ? { kind: 'cancel' } : { kind: 'cancel', nNumber: words[1]!.toUpperCase() };
  if (first === 'agenda' && rest.length === 0) return second === undefined ? { kind: 'agenda' } : { kind: 'agenda', nNumber: words[1]!.toUpperCase() };
  return { kind: 'unknown' };
}
