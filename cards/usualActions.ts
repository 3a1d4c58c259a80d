/**
 * The actions a strategy discussion usually agrees, for the plan card's quick-add (`actionUsual`):
 * the seed's example action plan (003), in our words. The owner and completion date are still
 * typed for each one.
 */
export const usualActions = [
  { id: 'medical', text: 'Child protection medical assessment to be arranged with the on-call community paediatrician' },
  { id: 'abe', text: 'ABE (achieving best evidence) interview to be considered and arranged' },
  { id: 'seen-alone', text: 'Child to be seen alone (with consent) by the social worker and police officer' },
  { id: 'parents', text: 'Social worker and police to interview the parents or caregivers' },
  { id: 's47-outcome', text: 'Section 47 record outcome to be completed by the social worker by day 3' },
  { id: 'assessment', text: 'Single assessment to be undertaken with the family' },
  { id: 'chronology', text: 'Genogram and chronology to be updated in the case record' },
  { id: 'conference', text: 'Conference convening request to be completed by the social worker' },
  { id: 'legal', text: 'Legal advice to be sought' },
  { id: 'placement', text: 'Placement request form to be completed and sent to placements' },
  { id: 'safeguards', text: 'Immediate safeguards for tonight agreed with the family' },
] as const;

/**
 * The text of a usual action by its id, or undefined.
 * @example
 * usualActionText('legal') //=> 'Legal advice to be sought'
 */
export function usualActionText(id: string | undefined): string | undefined {
  return usualActions.find((a) => a.id === id)?.text;
}
