import { describe, expect, it } from 'vitest';
import { conferenceDayFor } from '../../../scheduling/rules/conferenceDayFor.js';
import { conferenceDaysFrom } from '../../../scheduling/rules/conferenceDaysFrom.js';
import { firstFreeSlot } from '../../../scheduling/rules/firstFreeSlot.js';
import type { Interval } from '../../../scheduling/model/Interval.js';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import type { PlainDate } from '../../../scheduling/model/PlainDate.js';
import { receivedWorkingDay } from '../../../scheduling/rules/receivedWorkingDay.js';
import { slotGrid } from '../../../scheduling/rules/slotGrid.js';
import { at, bankHolidays, northamptonshire as rota } from './northamptonshire.js';

/** The rota rules in the order a booking uses them, against a calendar given as busy intervals. */
function firstSlotFor(referredAt: Date, busy: readonly Interval[] = []) {
  const received = receivedWorkingDay(referredAt, rota, bankHolidays);
  const rotaDay = conferenceDayFor(received, rota);
  for (const day of conferenceDaysFrom(rotaDay, rota, bankHolidays)) {
    const slot = firstFreeSlot(slotGrid(day, rota), busy, 1, referredAt);
    if (slot) return { received, rotaDay, day, start: formatLondonIso(slot.start), utc: slot.start.toISOString() };
  }
  return undefined;
}

describe('the rota rules together (DOMAIN.md "Strategy discussion on the rota")', () => {
  it.each([
    // referred, received, rota day, first slot (UK, with offset), the same in UTC
    ['2026-03-27T11:00:00+00:00', '2026-03-27', '2026-03-30', '2026-03-30T10:00:00+01:00', '2026-03-30T09:00:00.000Z'], // Fri before the clocks go forward
    ['2026-10-23T11:00:00+01:00', '2026-10-23', '2026-10-26', '2026-10-26T10:00:00+00:00', '2026-10-26T10:00:00.000Z'], // Fri before the clocks go back
  ])('gives a Friday referral (%s) Monday 10:00 UK time across a clock change', (referred, received, rotaDay, start, utc) => {
    expect(firstSlotFor(at(referred))).toEqual({ received, rotaDay, day: rotaDay, start, utc });
  });

  it('rolls a Thursday 2 April 2026 referral past Good Friday and Easter Monday to Wednesday 8 April', () => {
    expect(firstSlotFor(at('2026-04-02T11:00:00+01:00'))).toMatchObject({
      received: '2026-04-02', // Thu
      rotaDay: '2026-04-03', // Fri, Good Friday
      day: '2026-04-08', // Wed
      start: '2026-04-08T10:00:00+01:00',
    });
  });

  it('counts a Good Friday referral as received on Tuesday 7 April, discussed Wednesday 8 April', () => {
    expect(firstSlotFor(at('2026-04-03T09:00:00+01:00'))).toMatchObject({ received: '2026-04-07', rotaDay: '2026-04-08', day: '2026-04-08' });
  });

  it('takes a Christmas Eve 2026 referral past Christmas and the Boxing Day substitute Monday', () => {
    expect(firstSlotFor(at('2026-12-24T10:00:00+00:00'))).toMatchObject({
      received: '2026-12-24', // Thu
      rotaDay: '2026-12-25', // Fri, Christmas Day
      day: '2026-12-30', // Wed (Mon 28 is the substitute day)
      start: '2026-12-30T10:00:00+00:00',
    });
  });

  it('moves to the next conference day when the rota day is full', () => {
    const fullWednesday = [{ start: at('2026-11-25T10:00:00Z'), end: at('2026-11-25T11:30:00Z') }];
    expect(firstSlotFor(at('2026-11-23T09:00:00Z') /* Mon */, fullWednesday)).toMatchObject({
      rotaDay: '2026-11-25', // Wed, full
      day: '2026-11-27', // Fri
      start: '2026-11-27T10:00:00+00:00',
    });
  });

  it('skips the rest of a day whose window has started when the referral arrives', () => {
    // A Friday referral is discussed Monday; a referral given as of Monday 10:20 gets Monday 10:30.
    const received: PlainDate = receivedWorkingDay(at('2026-11-27T11:00:00Z'), rota, bankHolidays);
    const monday = conferenceDayFor(received, rota);
    const slot = firstFreeSlot(slotGrid(monday, rota), [], 1, at('2026-11-30T10:20:00Z'));
    expect(slot && formatLondonIso(slot.start)).toBe('2026-11-30T10:30:00+00:00');
  });
});
