import type { DiscussionRequest, ManagerRole } from '../model/DiscussionRequest.js';

export interface SubjectSettings {
  /** Placeholders: {surnames} {nNumbers} {role} {manager} {phone}. */
  readonly format: string;
  /** When false, {surnames} shows the N numbers instead (an area that keeps names out of Outlook). */
  readonly includeSurname: boolean;
}

export const roleTitles: Readonly<Record<ManagerRole, string>> = { TM: 'Team Manager', PM: 'Practice Manager' };

/**
 * The subject of the calendar appointment: children's surname and the manager's name, role and phone.
 * Rule: DOMAIN.md "The booking" (e.g. `Bond children / Team Manager: A. Jones (01604 123456)`);
 * whether the surname appears at all is configurable.
 * @example
 * calendarSubject(request, { format: '{surnames} children / {role}: {manager} ({phone})', includeSurname: true })
 * //=> 'Bond children / Team Manager: A. Jones (01604 123456)'
 */
export function calendarSubject(request: Pick<DiscussionRequest, 'childSurnames' | 'nNumbers' | 'managerName' | 'managerRole' | 'managerPhone'>, settings: SubjectSettings): string {
  const values: Record<string, string> = {
    surnames: settings.includeSurname ? request.childSurnames : request.nNumbers.join(' '),
    nNumbers: request.nNumbers.join(' '),
    role: roleTitles[request.managerRole],
    manager: request.managerName,
    phone: request.managerPhone,
  };
  return settings.format.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
