import type { PlanDecision } from '../model/DiscussionPlan.js';

/** A decision's value read as yes: `yes`, `y` or `true` at its start, whatever the case ("Yes - joint"). */
const YES = /^\s*(yes|y|true)\b/i;

/**
 * What a plan's decisions say for the statutory clocks: whether section 47 enquiries were
 * decided (the `s47` decision is yes) and whether a child protection conference is convened (the
 * `conference` decision is yes). Undefined when s47 is not decided yes: no s47 clock starts.
 * Rule: DOMAIN.md "Clocks the product keeps" (s47 decided: outcome by day 3, enquiry and conference within 15 working days).
 * @example
 * s47DecisionOf([{ id: 's47', value: 'Yes - joint', rationale: '...' }, { id: 'conference', value: 'no', rationale: '...' }])
 * //=> { conferenceConvened: false }
 */
export function s47DecisionOf(decisions: readonly PlanDecision[]): { readonly conferenceConvened: boolean } | undefined {
  const s47 = decisions.find((d) => d.id === 's47');
  if (!s47 || !YES.test(s47.value)) return undefined;
  const conference = decisions.find((d) => d.id === 'conference');
  return { conferenceConvened: conference !== undefined && YES.test(conference.value) };
}
