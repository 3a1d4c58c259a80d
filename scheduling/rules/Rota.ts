import type { Rota } from '../model/Rota.js';
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (24-hour)');
const isoWeekday = z.number().int().min(1).max(7);

/**
 * An area's rota for strategy discussions on the police conference diary, as data.
 * Rule: DOMAIN.md "Strategy discussion on the rota". Northamptonshire's is the default file
 * `app/rotas/northamptonshire.json`; another area supplies its own (`ROTA_FILE`).
 */
export const rotaSchema: z.ZodType<Rota> = z
  .object({
    area: z.string().min(1),
    /** ISO weekdays (1 = Monday) on which police join conference calls. */
    conferenceWeekdays: z.array(isoWeekday).min(1),
    /** The conference window in UK local time; slots fill it from `start`, ending by `end`. */
    window: z.object({ start: hhmm, end: hhmm }),
    /** Length of one slot (a cell of the diary), minutes. */
    slotMinutes: z.number().int().min(5).max(120),
    /** Length of a longer slot for a complex case, minutes: a whole number of cells. */
    longerSlotMinutes: z.number().int().min(5).max(240),
    /** A referral at or after this UK local time counts as received on the next working day. */
    cutOff: hhmm,
    /** Referral working weekday (ISO, as a string key "1".."5") -> weekday it is discussed on. */
    discussedOn: z.record(z.string().regex(/^[1-7]$/), isoWeekday),
    /** How many calendar days past the rota day to look for room before giving up. */
    searchDays: z.number().int().min(1).max(366),
    /** When the record of a discussion is due: hours ("24h") or working days ("1wd"). */
    minutesDue: z.string().regex(/^(\d{1,3}h|\d{1,2}wd)$/, 'must be hours like "24h" or working days like "1wd"').optional(),
  })
  .superRefine((rota, ctx) => {
    if (rota.window.start >= rota.window.end) {
      ctx.addIssue({ code: 'custom', path: ['window'], message: 'window.start must be before window.end' });
    }
    if (rota.longerSlotMinutes % rota.slotMinutes !== 0) {
      ctx.addIssue({ code: 'custom', path: ['longerSlotMinutes'], message: 'must be a multiple of slotMinutes' });
    }
    for (const wd of ['1', '2', '3', '4', '5']) {
      if (!(wd in rota.discussedOn)) {
        ctx.addIssue({ code: 'custom', path: ['discussedOn', wd], message: `missing the conference day for referrals on ISO weekday ${wd}` });
      }
    }
    for (const [from, to] of Object.entries(rota.discussedOn)) {
      if (!rota.conferenceWeekdays.includes(to)) {
        ctx.addIssue({ code: 'custom', path: ['discussedOn', from], message: `weekday ${to} is not one of conferenceWeekdays` });
      }
    }
  });

