import { describe, expect, it } from 'vitest';
import { agendaPostTime } from '../../../scheduling/rules/agendaPostTime.js';

const slot = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe('agendaPostTime', () => {
  it('is the lead time before the slot starts', () => {
    expect(agendaPostTime(slot('2026-11-25T10:00:00Z', '2026-11-25T10:15:00Z'), 5, new Date('2026-11-23T12:00:00Z'))).toEqual(new Date('2026-11-25T09:55:00Z'));
    expect(agendaPostTime(slot('2026-11-25T10:00:00Z', '2026-11-25T10:15:00Z'), 0, new Date('2026-11-23T12:00:00Z'))).toEqual(new Date('2026-11-25T10:00:00Z'));
  });

  it('counts real minutes across the clock change: 09:55 BST for a 10:00 BST slot the Monday after', () => {
    // Clocks go forward on Sunday 29 March 2026; Monday 30 March 10:00 BST is 09:00 UTC.
    expect(agendaPostTime(slot('2026-03-30T09:00:00Z', '2026-03-30T09:15:00Z'), 5, new Date('2026-03-27T12:00:00Z'))).toEqual(new Date('2026-03-30T08:55:00Z'));
  });

  it('is now when the lead time has passed but the slot has not ended', () => {
    const now = new Date('2026-11-25T09:58:00Z');
    expect(agendaPostTime(slot('2026-11-25T10:00:00Z', '2026-11-25T10:15:00Z'), 5, now)).toEqual(now);
    const during = new Date('2026-11-25T10:10:00Z');
    expect(agendaPostTime(slot('2026-11-25T10:00:00Z', '2026-11-25T10:15:00Z'), 5, during)).toEqual(during);
  });

  it('is nothing once the slot has ended', () => {
    expect(agendaPostTime(slot('2026-11-25T10:00:00Z', '2026-11-25T10:15:00Z'), 5, new Date('2026-11-25T10:15:00Z'))).toBeUndefined();
  });
});
