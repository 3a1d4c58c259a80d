/**
 * The `Action.Execute` verbs our cards carry. They are an API between the cards a manager holds
 * (possibly for days) and the bot: keep them stable.
 */
export const verbs = {
  /** Submits the request card: `desk.intake.submit`. */
  requestDiscussion: 'strategy.request',
  /** Shows a fresh request card (welcome and help cards). */
  openRequest: 'strategy.open',
  cancelBooking: 'strategy.cancel',
  longerSlot: 'strategy.longer',
  showAgenda: 'strategy.agenda',
  policeMadeContact: 'strategy.police-contact',
  /** The manager could not reach the urgent escalation's contacts at `level`: data {requestId, level}. */
  urgentNotReached: 'urgent.notReached',
  /** The police declined: rebook to the next free slot after this one (`desk.bookNextSlot`), data {bookingId}. */
  bookNextSlot: 'booking.bookNext',
  /** The police declined and the manager keeps the slot (`desk.keepSlot`), data {bookingId}. */
  keepSlot: 'booking.keep',
  /** The urgent card's Record the discussion: opens a plan with the date and time typed in, data {requestId}, inputs meetingDate, meetingTime. */
  recordDiscussion: 'urgent.record',
  // The shared action plan (issue 9). Every plan verb's data carries `discussionId` and `version`
  // (the plan's version the card was built from); the names of the inputs are an API too.
  /** Universal Actions refresh: the current plan for the person who looks at it. */
  planRefresh: 'plan.refresh',
  /** Data {form: 'more'}: the card again for the person who pressed, with that form open (presenting issue, quorum reason, notes, risk scaling, done). */
  planForm: 'plan.form',
  /** Inputs attendeeName, attendeeOrganisation, attendeeAgency, attendeeRole, attendeeConsulted (true|false). */
  planAttendeeAdd: 'plan.attendee.add',
  /** Data {attendeeId}: the attendee confirmed as present (the template's signature column). */
  planAttendeeConfirm: 'plan.attendee.confirm',
  /** Data {attendeeId}: taken off the attendance. */
  planAttendeeRemove: 'plan.attendee.remove',
  /** Inputs actionText (or actionUsual, a quick-add), actionOwner, actionDue (YYYY-MM-DD), actionTimescale. */
  planActionAdd: 'plan.action.add',
  /** Input actionDoneId: that action marked done. */
  planActionDone: 'plan.action.done',
  /** Input actionRemoveId: that action taken off the plan. */
  planActionRemove: 'plan.action.remove',
  /** Inputs decisionId, decisionValue, decisionRationale. */
  planDecisionSet: 'plan.decision.set',
  /** Input presentingIssue. */
  planPresentingIssue: 'plan.issue.set',
  /** Input notQuorateReason. */
  planNotQuorateReason: 'plan.quorum.reason',
  /** Inputs noteItem (1-8), noteText. */
  planNoteAdd: 'plan.note.add',
  /** Inputs riskAgency, riskScore (0-10), riskPastHarm, riskFutureDanger, riskComplicating, riskStrengths, riskSafety, riskGoals. */
  planRiskSet: 'plan.risk.set',
  /** Input lateMinutes: the requesters of the next slots that day are told at once. */
  planRunningLate: 'plan.late',
  /** Locks the plan once it is complete; refused naming each problem. */
  planFinalise: 'plan.finalise',
  /** The full record (plan and agenda notes) goes to every attending agency; the record clock stops. */
  planCirculate: 'plan.circulate',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
