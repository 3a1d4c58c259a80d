import { describe, expect, it } from 'vitest';
import { isPoliceAttendee } from '../../../scheduling/rules/isPoliceAttendee.js';

const invited = { policeReferralAddress: 'PRU@police.example.org', managerEmail: 'a.jones@council.example.org', invitees: ['nurse@health.example.org'] };

describe('isPoliceAttendee', () => {
  it('counts the police referral unit, whatever the case of its address', () => {
    expect(isPoliceAttendee('pru@POLICE.example.org', invited)).toBe(true);
  });

  it('counts someone we never invited: the invite was forwarded to them', () => {
    expect(isPoliceAttendee('ds.smith@police.example.org', invited)).toBe(true);
  });

  it('does not count the manager or a professional we invited', () => {
    expect(isPoliceAttendee('A.Jones@council.example.org', invited)).toBe(false);
    expect(isPoliceAttendee('nurse@health.example.org', invited)).toBe(false);
  });
});
