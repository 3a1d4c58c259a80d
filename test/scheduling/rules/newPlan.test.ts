import { describe, expect, it } from 'vitest';
import { newPlan } from '../../../scheduling/rules/newPlan.js';
import type { StoredRequest } from '../../../scheduling/model/DiscussionRequest.js';
import { chair } from './planFixtures.js';

const request = {
  id: 'r1',
  nNumbers: ['N146782', 'N146783'],
  childSurnames: 'Zanzibarova',
  invitees: ['nurse@health.example.org'],
} as unknown as StoredRequest;

describe('newPlan', () => {
  it('opens version 1 with one child block per N number, prefilled with the surname typed on the request', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const plan = newPlan({ id: 'd1', request, meeting: { start: at, venue: 'dial-in' }, childIds: ['c1', 'c2'], actor: chair, at });
    expect(plan).toMatchObject({ id: 'd1', requestId: 'r1', version: 1, state: 'open', nNumbers: ['N146782', 'N146783'], invitees: ['nurse@health.example.org'], attendees: [], actions: [] });
    expect(plan.children).toEqual([
      { id: 'c1', name: 'Zanzibarova', nNumber: 'N146782' },
      { id: 'c2', name: 'Zanzibarova', nNumber: 'N146783' },
    ]);
  });
});
