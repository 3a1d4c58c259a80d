/**
 * One change to a discussion plan, as a plan card's verb and its inputs deliver it (strings, as
 * Adaptive Card inputs give them; a toggle may also come as a boolean). The verbs and input ids
 * are an API (issue 9): cards, tests and other clients use them; keep them exactly.
 * The desk validates each change (scheduling/rules/planChange.ts) and answers a bad one with
 * `InvalidPlanChangeError` naming each bad input by its id.
 *
 * Every plan card action also carries `discussionId` and `version` (the version the card was built
 * from); those are arguments of `DiscussionDesk.changePlan`, not part of the change.
 */
export type PlanChange =
  // Attendance (the template's "In attendance", with the audit's "consulted" and "signature").
  | {
      readonly verb: 'plan.attendee.add';
      readonly attendeeName: string;
      readonly attendeeOrganisation: string;
      /** `social-care|police|health|education|other` */
      readonly attendeeAgency: string;
      readonly attendeeRole: string;
      /** `true` = consulted but not attending. */
      readonly attendeeConsulted?: string | boolean;
      /** Optional: where the record is sent for this attendee's agency (an attendee known by email is a participant). */
      readonly attendeeEmail?: string;
      /** `true`: the person acting adds themselves (their Teams user id and email are kept with the row). */
      readonly attendeeSelf?: string | boolean;
    }
  | { readonly verb: 'plan.attendee.remove'; readonly attendeeId: string }
  /** The signature column: confirmed as present (`attendeeConfirmed` false takes it back; default true). */
  | { readonly verb: 'plan.attendee.confirm'; readonly attendeeId: string; readonly attendeeConfirmed?: string | boolean }
  // Actions: owner and date are required to finalise, not to add (they are often agreed later in the call).
  // `actionOwnerId` (optional): the owner's Teams user id (a people picker): their action clock reminds them.
  // Without it, an owner named like an attendee who added themselves gets that attendee's id.
  | { readonly verb: 'plan.action.add'; readonly actionText: string; readonly actionOwner?: string; readonly actionDue?: string; readonly actionTimescale?: string; readonly actionOwnerId?: string }
  | { readonly verb: 'plan.action.edit'; readonly actionId: string; readonly actionText: string; readonly actionOwner?: string; readonly actionDue?: string; readonly actionTimescale?: string; readonly actionOwnerId?: string }
  | { readonly verb: 'plan.action.remove'; readonly actionId: string }
  /** `actionDone` false marks it not done again (default true). */
  | { readonly verb: 'plan.action.done'; readonly actionId: string; readonly actionDone?: string | boolean }
  /** Adds one of the seed's usual actions (`usualActions` in rules/usualActions.ts) by its id. */
  | { readonly verb: 'plan.action.quick-add'; readonly usualActionId: string; readonly actionOwner?: string; readonly actionDue?: string; readonly actionOwnerId?: string }
  // Decisions, each with its rationale.
  | {
      readonly verb: 'plan.decision.set';
      /** `s47|agency|medical|abe|seen-alone|family|legal|conference|review|timing` */
      readonly decisionId: string;
      readonly decisionValue: string;
      readonly decisionRationale: string;
    }
  | { readonly verb: 'plan.decision.clear'; readonly decisionId: string }
  // The children's blocks (one per N number of the request): name, address, date of birth.
  | { readonly verb: 'plan.child.set'; readonly childId: string; readonly childName: string; readonly childAddress?: string; readonly childDob?: string }
  // Meeting: date (`YYYY-MM-DD`), time (`HH:MM`, UK time), venue, and the reason for its timing.
  | { readonly verb: 'plan.meeting.set'; readonly meetingDate?: string; readonly meetingTime?: string; readonly meetingVenue?: string; readonly meetingTimingReason?: string }
  /** Why the discussion is not quorate (blank clears it). */
  | { readonly verb: 'plan.quorum.reason'; readonly notQuorateReason: string }
  | { readonly verb: 'plan.issue.set'; readonly presentingIssue: string }
  /** The note of agenda item `noteItem` (`1`-`8`), about an agency or a child's id (`noteAbout`); blank text removes it. */
  | { readonly verb: 'plan.note.set'; readonly noteItem: string; readonly noteAbout?: string; readonly noteText: string }
  /** Agenda item 5: how the child's wishes and feelings will be ascertained. */
  | { readonly verb: 'plan.wishes.set'; readonly wishesInterpreter?: string; readonly wishesAdvocate?: string; readonly wishesWhere?: string; readonly wishesNotes?: string }
  /** Risk scaling 0-10 for one agency, with the seed's headings. */
  | {
      readonly verb: 'plan.risk.set';
      /** `social-care|police|health|education|other` */
      readonly riskAgency: string;
      /** `0`-`10` */
      readonly riskScore: string;
      readonly riskPastHarm?: string;
      readonly riskFutureDanger?: string;
      readonly riskComplicatingFactors?: string;
      readonly riskStrengths?: string;
      readonly riskExistingSafety?: string;
      readonly riskGoals?: string;
    };

/** The verb of a change. */
export type PlanChangeVerb = PlanChange['verb'];

/** Every change verb (the desk's other plan verbs are `plan.finalise`, `plan.circulate`, `plan.running-late`). */
export const planChangeVerbs: readonly PlanChangeVerb[] = [
  'plan.attendee.add',
  'plan.attendee.remove',
  'plan.attendee.confirm',
  'plan.action.add',
  'plan.action.edit',
  'plan.action.remove',
  'plan.action.done',
  'plan.action.quick-add',
  'plan.decision.set',
  'plan.decision.clear',
  'plan.child.set',
  'plan.meeting.set',
  'plan.quorum.reason',
  'plan.issue.set',
  'plan.note.set',
  'plan.wishes.set',
  'plan.risk.set',
];
