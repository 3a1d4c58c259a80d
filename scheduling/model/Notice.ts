import type { EscalationContact } from './EscalationContact.js';

/**
 * Something the desk tells a person while nobody is typing (police replied, an escalation, a
 * deadline). Ids and N numbers only: the edge renders it (a Teams card in the person's personal
 * chat) and may look the case up through the desk. Never a child's name.
 */
export type Notice =
  | { readonly kind: 'police.accepted'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[]; readonly attendee: NoticeAttendee; readonly at: Date }
  | { readonly kind: 'police.declined'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[]; readonly attendee: NoticeAttendee; readonly at: Date }
  | { readonly kind: 'police.noAnswer'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[]; readonly start: Date; readonly tentative: readonly NoticeAttendee[] }
  | { readonly kind: 'booking.movedByHand'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[]; readonly start: Date; readonly end: Date }
  | { readonly kind: 'booking.deletedByHand'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[] }
  | { readonly kind: 'urgent.escalate'; readonly requestId: string; readonly nNumbers: readonly string[]; readonly level: number; readonly contacts: readonly EscalationContact[] }
  /**
   * The discussion before this requester's slot runs late (the chair said so from the plan card):
   * their slot at `start` is likely to start about `delayMinutes` late.
   */
  | { readonly kind: 'discussion.running-late'; readonly requestId: string; readonly bookingId: string; readonly nNumbers: readonly string[]; readonly start: Date; readonly delayMinutes: number }
  /** `clock` is the clock's kind (model/StatutoryClock.ts); `subject` an action's id for an action's clock. */
  | { readonly kind: 'deadline.reminder' | 'deadline.overdue'; readonly requestId: string; readonly nNumbers: readonly string[]; readonly clock: string; readonly subject?: string; readonly due: Date };

export interface NoticeAttendee {
  readonly address: string;
  readonly name?: string;
}

/** What came of telling someone. */
export type Delivery = 'sent' | 'no-conversation';
