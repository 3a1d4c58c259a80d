import { describe, expect, it } from 'vitest';
import { quorumOf } from '../../../scheduling/rules/quorum.js';
import { attendee, quorate } from './planFixtures.js';

describe('quorumOf', () => {
  it('is quorate with the social worker, their manager, police and health attending', () => {
    expect(quorumOf(quorate())).toEqual({ quorate: true, missing: [], healthMissing: false });
  });

  it('warns loudly when health is missing', () => {
    const q = quorumOf(quorate().filter((a) => a.agency !== 'health'));
    expect(q).toEqual({ quorate: false, missing: ['health'], healthMissing: true });
  });

  it('names each one missing, in order', () => {
    expect(quorumOf([]).missing).toEqual(['social-worker', 'social-care-manager', 'police', 'health']);
    expect(quorumOf([attendee('social-care', 'Practice manager (PM)'), attendee('police', 'DC')]).missing).toEqual(['social-worker', 'health']);
  });

  it('does not count someone consulted but not attending', () => {
    const q = quorumOf([...quorate().filter((a) => a.agency !== 'health'), attendee('health', 'Paediatrician', { consulted: true })]);
    expect(q.healthMissing).toBe(true);
    expect(q.quorate).toBe(false);
  });

  it('does not count a manager as the social worker too, nor another agency\'s manager', () => {
    const q = quorumOf([attendee('social-care', 'Team manager'), attendee('health', 'Social worker'), attendee('police', 'DS'), attendee('health', 'Nurse')]);
    expect(q.missing).toEqual(['social-worker']);
  });
});
