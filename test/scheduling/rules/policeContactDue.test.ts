import { describe, expect, it } from 'vitest';
import { policeContactDue } from '../../../scheduling/rules/policeContactDue.js';
import { at } from './northamptonshire.js';

describe('policeContactDue', () => {
  it.each([
    ['2026-11-25T14:02:00Z', '2026-11-25T15:02:00.000Z'], // Wed afternoon
    ['2026-11-27T23:30:00Z', '2026-11-28T00:30:00.000Z'], // Fri night into Saturday: the clock runs on weekends
    ['2026-12-25T10:00:00Z', '2026-12-25T11:00:00.000Z'], // Christmas Day: and on bank holidays
    ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00.000Z'], // Sun 00:30 GMT -> 02:30 BST: one real hour
  ])('expects the police to phone within an hour of %s: by %s', (sent, due) => {
    expect(policeContactDue(at(sent)).toISOString()).toBe(due);
  });
});
