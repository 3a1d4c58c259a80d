import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { maxListedDeadlines, myDeadlinesCard } from '../../cards/myDeadlinesCard.js';

const now = new Date('2026-11-26T11:00:00Z'); // Thu
const minutes = { kind: 'minutes' as const, due: new Date('2026-11-26T10:15:00Z'), nNumbers: ['N146782'] };
const outcome = { kind: 's47-outcome' as const, due: new Date('2026-12-02T17:00:00Z'), nNumbers: ['N146782', 'N146783'] };

describe('myDeadlinesCard', () => {
  it('lists each deadline with what it waits for, its case and when it is due, overdue ones marked', () => {
    const { text } = assertValidCard(myDeadlinesCard({ deadlines: [minutes, outcome], now }));
    expect(text).toContain('Record of the strategy discussion circulated to all participants');
    expect(text).toContain('Overdue: was due Thursday 26 November 2026, 10:15');
    expect(text).toContain('Section 47 record outcome');
    expect(text).toContain('Due Wednesday 2 December 2026, 17:00');
    expect(text).toContain('N146782, N146783');
    expect(text.indexOf('Record of')).toBeLessThan(text.indexOf('Section 47'));
  });

  it('says so when nothing is due', () => {
    expect(assertValidCard(myDeadlinesCard({ deadlines: [], now })).text).toContain('Nothing is due for you.');
  });

  it('stays under 28 KB with a long list, and says how many more there are', () => {
    const many = Array.from({ length: maxListedDeadlines + 7 }, () => outcome);
    const card = myDeadlinesCard({ deadlines: many, now });
    expect(assertValidCard(card).text).toContain('...and 7 more.');
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });
});
