import { describe, expect, it } from 'vitest';
import { maxCommandLength, parseCommand } from '../../bot/commands.js';

describe('parseCommand', () => {
  it.each([
    ['book', { kind: 'book' }],
    ['  Request ', { kind: 'book' }],
    ['my   bookings', { kind: 'myBookings' }],
    ['My Deadlines', { kind: 'myDeadlines' }],
    ['my deadlines please', { kind: 'unknown' }],
    ['<at>Strategy Desk</at> Cancel  n146782', { kind: 'cancel', nNumber: 'N146782' }],
    ['<p><at>Strategy Desk</at>&nbsp;help</p>', { kind: 'help' }],
    ['<AT>Strategy Desk</AT> help', { kind: 'help' }],
    ['cancel', { kind: 'cancel' }],
    ['<at>Strategy Desk</at> agenda  n146782', { kind: 'agenda', nNumber: 'N146782' }],
    ['agenda', { kind: 'agenda' }],
    ['agenda N146782 now', { kind: 'unknown' }],
    ['hello', { kind: 'unknown' }],
    [undefined, { kind: 'unknown' }],
  ])('reads %j as %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('leaves an unclosed "<" as text, so it is no command', () => {
    expect(parseCommand('<help')).toEqual({ kind: 'unknown' });
    expect(parseCommand('help <')).toEqual({ kind: 'unknown' });
    expect(parseCommand('<at>Strategy Desk help')).toEqual({ kind: 'unknown' });
  });

  it('takes out a tag that closes after unclosed ones', () => {
    expect(parseCommand('<b>help</b>')).toEqual({ kind: 'help' });
    expect(parseCommand('<at><at>Strategy Desk</at> help')).toEqual({ kind: 'help' });
  });

  it(`treats a message longer than ${maxCommandLength} characters as no command, whatever it holds`, () => {
    expect(parseCommand(`help${' '.repeat(maxCommandLength)}`)).toEqual({ kind: 'unknown' });
    expect(parseCommand(`<at>${'x'.repeat(maxCommandLength)}</at> help`)).toEqual({ kind: 'unknown' });
  });

  it('reads a message just under the limit', () => {
    expect(parseCommand(`${' '.repeat(maxCommandLength - 4)}help`)).toEqual({ kind: 'help' });
  });
});
