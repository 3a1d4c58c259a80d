import type { EscalationContact } from '../model/EscalationContact.js';

/**
 * The area's escalation contacts grouped into levels, in the order they are called: the duty DS
 * first, then admin support, then the MASH service manager (as configured). Contacts that carry
 * a `level` are grouped by it (lowest first; missing numbers are skipped); otherwise each run of
 * contacts with the same label is one level, so a list written before levels existed keeps
 * working.
 * Rule: DOMAIN.md "URGENT (live section 47)".
 * @example
 * escalationLevels([{ label: 'Duty DS', ... }, { label: 'Duty DS', ... }, { label: 'Admin support', ... }])
 * //=> [[DS one, DS two], [admin support]]
 */
export function escalationLevels(contacts: readonly EscalationContact[]): ReadonlyArray<readonly EscalationContact[]> {
  if (contacts.some((c) => c.level !== undefined)) {
    const byLevel = new Map<number, EscalationContact[]>();
    for (const contact of contacts) {
      const level = contact.level ?? 1;
      byLevel.set(level, [...(byLevel.get(level) ?? []), contact]);
    }
    return [...byLevel.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
  }
  const levels: EscalationContact[][] = [];
  for (const contact of contacts) {
    const last = levels.at(-1);
    if (last && last[0]!.label === contact.label) last.push(contact);
    else levels.push([contact]);
  }
  return levels;
}
