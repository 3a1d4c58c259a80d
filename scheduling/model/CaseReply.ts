import type { AttendeeStatus } from './ConferenceEvent.js';

/**
 * An attendee of a booking's event as the desk last saw them: their reply and its time, and
 * whether they answer for the police (the referral unit, or a DS the invite was forwarded to).
 * Professionals' addresses and names only, never a child's.
 */
export interface CaseReply extends AttendeeStatus {
  readonly police: boolean;
}
