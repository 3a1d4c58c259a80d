/** Who we invited to a booking's event (the police referral unit, the manager, the professionals named). */
export interface Invited {
  readonly policeReferralAddress: string;
  readonly managerEmail?: string;
  readonly invitees: readonly string[];
}

const same = (a: string, b: string | undefined) => b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether an attendee of a booking's event answers for the police: the referral unit's address,
 * or anyone we never invited - the unit forwards the invite to a detective sergeant, and Exchange
 * adds them to the organiser's copy. The manager and the professionals we invited are not police.
 * Rule: issue 8 "The police's reply to the invite" (a DS may accept a forwarded copy).
 * @example
 * isPoliceAttendee('ds.smith@police.example.org', { policeReferralAddress: 'pru@police.example.org', invitees: ['nurse@nhs.example.org'] }) //=> true
 * isPoliceAttendee('nurse@nhs.example.org', { policeReferralAddress: 'pru@police.example.org', invitees: ['nurse@nhs.example.org'] }) //=> false
 */
export function isPoliceAttendee(address: string, invited: Invited): boolean {
  if (same(address, invited.policeReferralAddress)) return true;
  return !same(address, invited.managerEmail) && !invited.invitees.some((invitee) => same(address, invitee));
}
