import type { AttendeeResponse } from '../model/ConferenceEvent.js';

/**
 * What people do to the shared calendar in Outlook, played on a calendar that has no Outlook: an
 * invitee answering (or someone the invite was forwarded to, who is added as they answer), an
 * event moved, shortened or deleted by hand. `LocalCalendar` offers it, so the whole reply loop
 * can be tried without a tenant (`npm run calendar -- --respond/--move/--delete`); with Graph
 * people do these things in Outlook itself, and the desk has none.
 */
export interface HandEdits {
  /**
   * The attendee `address` answers the invite at `at`. Someone not on the event yet (a forwarded
   * invite) is added as an optional attendee, as Exchange adds them to the organiser's copy.
   * @throws Error when the event does not exist or is cancelled.
   */
  answerInvite(eventId: string, reply: { readonly address: string; readonly name?: string; readonly response: AttendeeResponse }, at: Date): Promise<void>;
  /**
   * Moves (or shortens, or lengthens) the event by hand. As in Exchange, everyone is asked to
   * reply again: every reply goes back to `none`.
   * @throws Error when the event does not exist.
   */
  moveByHand(eventId: string, start: Date, end: Date): Promise<void>;
  /** Deletes the event by hand (it is gone, not cancelled). Deleting a missing event is not an error. */
  deleteByHand(eventId: string): Promise<void>;
}
