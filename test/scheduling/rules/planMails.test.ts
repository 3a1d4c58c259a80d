import { describe, expect, it } from 'vitest';
import { attendingAgencyEmails, planMail } from '../../../scheduling/rules/planMails.js';
import { attendee, openPlan } from './planFixtures.js';

describe('attendingAgencyEmails', () => {
  it('lists each attending agency email once, not those only consulted', () => {
    const plan = openPlan({
      attendees: [
        attendee('police', 'DC', { email: 'dc@police.example' }),
        attendee('police', 'DS', { email: 'DC@police.example' }),
        attendee('health', 'Paediatrician', { email: 'paed@nhs.example', consulted: true }),
        attendee('health', 'Nurse'),
        attendee('health', 'HV', { email: 'hv@nhs.example' }),
      ],
    });
    expect(attendingAgencyEmails(plan)).toEqual(['dc@police.example', 'hv@nhs.example']);
  });
});

describe('planMail', () => {
  it('names the case by N number only and carries the document', () => {
    const plan = openPlan({ children: [{ id: 'c1', name: 'Amy Zanzibarova', nNumber: 'N146782' }] });
    const attachment = { name: 'N146782-action-plan.docx', contentType: 'application/octet-stream', content: new Uint8Array([1]) };
    const mail = planMail(plan, 'summary', ['dc@police.example'], attachment);
    expect(mail.subject).toBe('Strategy discussion N146782: action plan summary');
    expect(mail.to).toEqual(['dc@police.example']);
    expect(mail.attachments).toEqual([attachment]);
    expect(`${mail.subject}${mail.body}`).not.toMatch(/Zanzibarova/);
    expect(planMail(plan, 'record', [], attachment).subject).toBe('Strategy discussion N146782: record of the discussion');
  });
});
