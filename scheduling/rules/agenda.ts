/**
 * The strategy discussion agenda the chair walks through, in our words.
 * Rule: DOMAIN.md "The agenda" (Northamptonshire guidance, items 1-8).
 */
export const agenda: readonly string[] = [
  'Introductions and apologies. If the discussion is not quorate, record why.',
  'Why this strategy discussion was called.',
  "Each agency's information, including its history of involvement.",
  'What the information means: risks and vulnerabilities of each child.',
  "How each child's wishes and feelings will be heard (interpreter, advocate, where).",
  'Other children in the family, or others who may be affected (for example those the alleged perpetrator lives with or meets).',
  'Actions to safeguard, with timescales: consider a medical assessment and an ABE interview; set a review date if one is needed.',
  'The decision and its rationale: single or joint section 47 enquiry, and who undertakes it.',
];
