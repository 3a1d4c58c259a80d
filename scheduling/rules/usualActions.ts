import type { UsualAction } from '../model/DiscussionPlan.js';

/**
 * The actions the seed's template offers as its example action plan and "additional actions to
 * consider", for quick-add: each adds an action with this text (owner and date still to agree).
 * Rule: seed 003 "Below, it is an example of action plans to be used" and "Additional actions to
 * consider"; DOMAIN.md agenda item 7 (consider a medical assessment and an ABE interview).
 */
export const usualActions: readonly UsualAction[] = [
  { id: 's47-enquiry', label: 'Section 47 enquiry', text: 'Joint/single section 47 enquiry to be initiated, so that proportionate actions are taken by the multi-agency group to safeguard the child/ren.' },
  { id: 'seen-alone', label: 'Child seen alone', text: 'Child to be seen alone (with consent) and spoken to by the social worker and police officer, so their views inform planning (if not today, give the reason why).', timescale: 'today' },
  { id: 'medical', label: 'Medical (on-call paediatrician)', text: 'Following consultation with the on-call community paediatrician, a child protection medical assessment to be arranged (who takes the child to it).' },
  { id: 'abe', label: 'ABE interview', text: 'Achieving Best Evidence interview to be considered and, if appropriate, completed with the child.' },
  { id: 'interview-parents', label: 'Interview parents/carers', text: 'Social worker/police to interview the parents and/or caregivers and consider the wider factors that affect them and the child.' },
  { id: 's47-outcome', label: 'S47 record outcome', text: 'Section 47 record outcome to be completed by the social worker.', timescale: 'by day 3' },
  { id: 'single-assessment', label: 'Single assessment', text: 'Single assessment to be undertaken with the family as part of the enquiry, with management oversight at checkpoints.' },
  { id: 'genogram-chronology', label: 'Genogram and chronology', text: 'Genogram and chronology to be updated and uploaded.' },
  { id: 'conference-request', label: 'Conference convening request', text: "Social worker to complete the child protection 'conference convening request'.", timescale: 'within 15 working days of this discussion' },
  { id: 'legal-advice', label: 'Legal advice', text: "Legal advice to be sought so the local authority's legal options to safeguard the child are explored." },
  { id: 'immediate-safeguards', label: 'Immediate safeguards', text: 'Immediate safeguards for this evening to be agreed and put in place.', timescale: 'today' },
  { id: 'placement-request', label: 'Placement request', text: 'Duty social worker to complete the placement request form and send it to placements, with a telephone call to advise of the request.', timescale: 'on the day' },
  { id: 'staff-safety', label: 'Risk to staff', text: 'A strategy for managing the risk to professionals (history of violence or threats) to be agreed, with joint action as appropriate.' },
];

/** The usual action with this id, if any. */
export function usualActionById(id: string): UsualAction | undefined {
  return usualActions.find((a) => a.id === id);
}
