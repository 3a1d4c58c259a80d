/**
 * The circumstances that make a request URGENT (a live section 47 enquiry: no rota slot, police
 * phone within the hour). Ids are stable: cards, the CLI and stored requests use them.
 * Rule: DOMAIN.md "URGENT (live section 47)", Northamptonshire guidance list.
 */
export const urgentCriteria = [
  { id: 'sexual-abuse', label: 'Clear allegation of sexual abuse' },
  { id: 'non-mobile-injury', label: 'Any injury to a non-mobile baby or child' },
  { id: 'serious-physical-injury', label: 'Alleged or suspected serious physical injury' },
  { id: 'sadistic-injury', label: 'Injury or treatment that is sadistic or brutal' },
  { id: 'dv-child-injured', label: 'Domestic violence where the child was injured, even inadvertently' },
  { id: 'home-alone', label: 'Children home alone' },
  { id: 'dv-pregnancy', label: 'Physical assault of the mother during pregnancy' },
  { id: 'missing', label: 'Missing over 24 hours, or more than three times in 90 days' },
  { id: 'sexual-exploitation', label: 'Children who have been sexually exploited' },
] as const;

export type UrgentCriterion = (typeof urgentCriteria)[number]['id'];

export const urgentCriterionIds: readonly UrgentCriterion[] = urgentCriteria.map((c) => c.id);
