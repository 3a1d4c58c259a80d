import { describe, expect, it } from 'vitest';
import { usualActionById, usualActions } from '../../../scheduling/rules/usualActions.js';

describe('usualActions', () => {
  it("offer the seed's usual actions, each with a distinct id", () => {
    const ids = usualActions.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['medical', 'abe', 'placement-request', 'conference-request', 's47-enquiry', 'legal-advice']) expect(ids).toContain(id);
    expect(usualActionById('medical')?.text).toMatch(/on-call community paediatrician/);
    expect(usualActionById('conference-request')?.text).toMatch(/conference convening request/);
  });

  it('finds nothing for an unknown id', () => {
    expect(usualActionById('nope')).toBeUndefined();
  });
});
