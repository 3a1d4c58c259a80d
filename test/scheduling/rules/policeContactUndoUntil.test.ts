import { describe, expect, it } from 'vitest';
import { policeContactUndoUntil } from '../../../scheduling/rules/policeContactUndoUntil.js';

describe('policeContactUndoUntil', () => {
  it('gives fifteen minutes after the record', () => {
    expect(policeContactUndoUntil(new Date('2026-11-25T14:20:00Z')).toISOString()).toBe('2026-11-25T14:35:00.000Z');
  });

  it('counts elapsed time across the clocks going back (01:50 BST + 15 minutes is 01:05 GMT)', () => {
    expect(policeContactUndoUntil(new Date('2026-10-25T00:50:00Z')).toISOString()).toBe('2026-10-25T01:05:00.000Z');
  });

  it('takes another window when asked', () => {
    expect(policeContactUndoUntil(new Date('2026-11-25T14:20:00Z'), 5).toISOString()).toBe('2026-11-25T14:25:00.000Z');
  });
});
