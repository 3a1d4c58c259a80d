import { describe, expect, it } from 'vitest';
import { handEditOf } from '../../../scheduling/rules/handEditOf.js';
import { at } from './northamptonshire.js';

const booking = { start: at('2026-11-25T10:00:00Z'), end: at('2026-11-25T10:15:00Z') };

describe('handEditOf', () => {
  it('sees no edit when the event keeps its times', () => {
    expect(handEditOf(booking, { ...booking, cancelled: false })).toBeUndefined();
  });

  it('sees a deletion when the event is gone or cancelled', () => {
    expect(handEditOf(booking, undefined)).toEqual({ kind: 'deleted' });
    expect(handEditOf(booking, { ...booking, cancelled: true })).toEqual({ kind: 'deleted' });
  });

  it('sees a move, with the new times, when the start or the end changed', () => {
    const later = { start: at('2026-11-27T11:00:00Z'), end: at('2026-11-27T11:15:00Z'), cancelled: false };
    expect(handEditOf(booking, later)).toEqual({ kind: 'moved', start: later.start, end: later.end });
    const shortened = { start: booking.start, end: at('2026-11-25T10:10:00Z'), cancelled: false };
    expect(handEditOf(booking, shortened)).toEqual({ kind: 'moved', start: booking.start, end: shortened.end });
  });
});
