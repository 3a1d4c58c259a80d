/**
 * The `Action.Execute` verbs our cards carry. They are an API between the cards a manager holds
 * (possibly for days) and the bot: keep them stable.
 */
export const verbs = {
  /** Submits the request card: `desk.intake.submit`. */
  requestDiscussion: 'strategy.request',
  /** Back to the request card with what was typed (from the urgent summary), data {requestKey, ...values}. */
  editRequest: 'strategy.edit',
  /** Shows a fresh request card (welcome and help cards). */
  openRequest: 'strategy.open',
  /** Asks "Cancel this strategy discussion?" (nothing changes yet), data {bookingId}. */
  cancelBooking: 'strategy.cancel',
  /** Cancels the booking, after the question (`desk.cancelBooking`), data {bookingId}. */
  confirmCancel: 'strategy.cancel.confirm',
  /** Shows the case's own card as it is now (No, keep it), data {bookingId}. */
  showBooking: 'strategy.show',
  longerSlot: 'strategy.longer',
  showAgenda: 'strategy.agenda',
  policeMadeContact: 'strategy.police-contact',
  /** Undoes a police contact recorded by mistake, within 15 minutes (`desk.undoPoliceContact`), data {requestId}. */
  undoPoliceContact: 'strategy.police-contact.undo',
  /** The manager could not reach the urgent escalation's contacts at `level`: data {requestId, level}. */
  urgentNotReached: 'urgent.notReached',
  /** The police declined: rebook to the next free slot after this one (`desk.bookNextSlot`), data {bookingId}. */
  bookNextSlot: 'booking.bookNext',
  /** The police declined and the manager keeps the slot (`desk.keepSlot`), data {bookingId}. */
  keepSlot: 'booking.keep',
  /** The urgent card's Record the discussion: opens a plan with the date and time typed in, data {requestId}, inputs meetingDate, meetingTime. */
  recordDiscussion: 'urgent.record',
  // The shared action plan (issue 9). Every plan verb's data carries `discussionId` and `version`
  // (the plan's version the card was built from); the names of the inputs are an API too, and are
  // the desk's (scheduling/model/PlanChange.ts). The desk's other change verbs (plan.attendee.remove,
  // plan.attendee.confirm, plan.action.edit, plan.action.remove, plan.decision.clear, plan.child.set,
  // plan.meeting.set, plan.wishes.set) are taken by the bot from any client, with the desk's inputs.
  /** Universal Actions refresh: the current plan for the person who looks at it. */
  planRefresh: 'plan.refresh',
  /** Data {form: 'more'}: the card again for the person who pressed, with that form open (presenting issue, quorum reason, notes, risk scaling, done). */
  planForm: 'plan.form',
  /** Inputs attendeeName, attendeeOrganisation, attendeeAgency, attendeeRole, attendeeConsulted (true|false). */
  planAttendeeAdd: 'plan.attendee.add',
  /** Inputs actionText, actionOwner, actionDue (YYYY-MM-DD), actionTimescale. */
  planActionAdd: 'plan.action.add',
  /** Inputs usualActionId (one of the desk's usual actions), actionOwner, actionDue. */
  planActionQuickAdd: 'plan.action.quick-add',
  /** Input actionId: that action marked done. */
  planActionDone: 'plan.action.done',
  /** Inputs decisionId, decisionValue, decisionRationale. */
  planDecisionSet: 'plan.decision.set',
  /** Input presentingIssue. */
  planPresentingIssue: 'plan.issue.set',
  /** Input notQuorateReason. */
  planNotQuorateReason: 'plan.quorum.reason',
  /** Inputs noteItem (1-8), noteText (blank removes the note). */
  planNoteSet: 'plan.note.set',
  /** Inputs riskAgency, riskScore (0-10), riskPastHarm, riskFutureDanger, riskComplicatingFactors, riskStrengths, riskExistingSafety, riskGoals. */
  planRiskSet: 'plan.risk.set',
  /** Input lateMinutes: the requesters of the next slots that day are told at once. */
  planRunningLate: 'plan.running-late',
  /** Locks the plan once it is complete; refused naming each problem. */
  planFinalise: 'plan.finalise',
  /** The full record (plan and agenda notes) goes to every attending agency; the record clock stops. */
  planCirculate: 'plan.circulate',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
