/**
 * When the police should have phoned the manager about an urgent request: `minutes` (elapsed,
 * whatever the clocks do; one hour unless the area sets `POLICE_CONTACT_MINUTES`) after the
 * `URGENT S47 ENQUIRY` email went. Past it, escalate - at any hour, working day or not.
 * Rule: DOMAIN.md "URGENT (live section 47)" and "Clocks the product keeps".
 * @example
 * policeContactDue(new Date('2026-11-25T14:02:00Z')) //=> 2026-11-25T15:02:00.000Z
 * policeContactDue(new Date('2026-11-25T14:02:00Z'), 30) //=> 2026-11-25T14:32:00.000Z
 */
export function policeContactDue(sentAt: Date, minutes = 60): Date {
  return new Date(sentAt.getTime() + minutes * 60_000);
}
