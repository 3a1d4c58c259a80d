import { TZDate } from '@date-fns/tz';

/** Graph's `dateTimeTimeZone`: a wall-clock time without offset, and the zone it is in. */
export interface GraphDateTime {
  readonly dateTime: string;
  readonly timeZone: string;
}

/** Names Graph uses for UTC, depending on the endpoint and the mailbox's settings. */
const utcNames = new Set(['utc', 'etc/utc', 'etc/gmt', 'gmt', 'z', 'coordinated universal time', 'tzone://microsoft/utc']);

/**
 * An instant as Graph takes it, in UTC so no zone table is involved.
 * @example
 * toGraphDateTime(new Date('2026-11-25T10:00:00Z')) //=> { dateTime: '2026-11-25T10:00:00.000', timeZone: 'UTC' }
 */
export function toGraphDateTime(at: Date): GraphDateTime {
  return { dateTime: at.toISOString().slice(0, -1), timeZone: 'UTC' };
}

/**
 * The instant a Graph `dateTimeTimeZone` names. We ask for UTC (`Prefer: outlook.timezone`), but a
 * proxy or a future default could answer in another IANA zone, so that is read too; up to seven
 * fractional digits (`10:00:00.0000000`) and a stray offset are accepted.
 * @example
 * fromGraphDateTime({ dateTime: '2026-11-25T10:00:00.0000000', timeZone: 'UTC' }) //=> 2026-11-25T10:00:00.000Z
 * @throws Error when the text is not a date and time or the zone is unknown.
 */
export function fromGraphDateTime(value: GraphDateTime): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.dateTime.trim());
  if (!m) throw new Error(`Graph returned a dateTime that is not one: "${value.dateTime}"`);
  const [, y, mo, d, h, mi, s = '0', frac = '0', offset] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3))] as const;
  if (offset) return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s.padStart(2, '0')}.${String(fields[6]).padStart(3, '0')}${offset.toUpperCase() === 'Z' ? 'Z' : offset}`);
  const zone = value.timeZone.trim();
  if (utcNames.has(zone.toLowerCase())) return new Date(Date.UTC(...fields));
  const zoned = new TZDate(...fields, zone);
  if (Number.isNaN(zoned.getTime())) throw new Error(`Graph returned a time zone we cannot read: "${zone}"`);
  return new Date(zoned.getTime());
}
