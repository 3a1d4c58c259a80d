import type { CommandHelp } from '../cards/CommandHelp.js';

/** What a manager can type to the bot. The Teams manifest's command lists mirror these. */
export const commands = [
  { command: 'book', title: 'book', description: 'Request a strategy discussion (also: request, new)' },
  { command: 'my bookings', title: 'my bookings', description: 'List your strategy discussions from now on' },
  { command: 'cancel', title: 'cancel N146782', description: 'Cancel your booking for that N number' },
  { command: 'help', title: 'help', description: 'Show what I can do' },
] as const satisfies readonly (CommandHelp & { command: string })[];

export type Command =
  | { readonly kind: 'book' }
  | { readonly kind: 'myBookings' }
  | { readonly kind: 'cancel'; readonly nNumber?: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown' };

/**
 * The command in a message's text, after Teams' @mention and markup are taken out. Case and
 * extra spaces do not matter; anything else is `unknown` (the bot answers it with help).
 * @example
 * parseCommand('<at>Strategy Desk</at> Cancel  n146782') //=> { kind: 'cancel', nNumber: 'N146782' }
 * parseCommand('hello') //=> { kind: 'unknown' }
 */
export function parseCommand(text: string | undefined): Command {
  const words = (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const [first = '', second, ...rest] = words.map((w) => w.toLowerCase());
  if (['book', 'request', 'new'].includes(first) && second === undefined) return { kind: 'book' };
  if (first === 'my' && second === 'bookings' && rest.length === 0) return { kind: 'myBookings' };
  if (first === 'help' && second === undefined) return { kind: 'help' };
  if (first === 'cancel' && rest.length === 0) return second === undefined ? { kind: 'cancel' } : { kind: 'cancel', nNumber: words[1]!.toUpperCase() };
  return { kind: 'unknown' };
}
