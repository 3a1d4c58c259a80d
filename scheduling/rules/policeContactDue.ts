/**
 * When the police should have phoned the manager about an urgent request: one hour (elapsed,
 * whatever the clocks do) after the `URGENT S47 ENQUIRY` email went. Past it, escalate.
 * Rule: DOMAIN.md "URGENT (live section 47)" and "Clocks the product keeps".
 * @example
 * policeContactDue(new Date('2026-11-25T14:02:00Z')) //=> 2026-11-25T15:02:00.000Z
 */
export function policeContactDue(sentAt: Date): Date {
  return new Date(sentAt.getTime() + 60 * 60_000);
}
