import { describe, expect, it } from 'vitest';
import { calendarSubject } from '../../../scheduling/rules/calendarSubject.js';

const request = { childSurnames: 'Bond', nNumbers: ['N146782'], managerName: 'A. Jones', managerRole: 'TM' as const, managerPhone: '01604 123456' };
const format = '{surnames} children / {role}: {manager} ({phone})';

describe('calendarSubject', () => {
  it('follows the Northamptonshire convention', () => {
    expect(calendarSubject(request, { format, includeSurname: true })).toBe('Bond children / Team Manager: A. Jones (01604 123456)');
  });
  it('shows N numbers instead of the surname when the area keeps names out of Outlook', () => {
    const subject = calendarSubject({ ...request, managerRole: 'PM' }, { format, includeSurname: false });
    expect(subject).toBe('N146782 children / Practice Manager: A. Jones (01604 123456)');
    expect(subject).not.toContain('Bond');
  });
});
