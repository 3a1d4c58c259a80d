/**
 * Graph's `dateTimeTimeZone` on the fake's side: a wall-clock `dateTime` with no offset plus a zone
 * name. Written with Intl only, independently of the adapter's parser, so the fake can catch it.
 */

/** Windows zone names Graph also accepts, for the zones a UK deployment sees. */
const windowsZones: Record<string, string> = {
  'GMT Standard Time': 'Europe/London',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Coordinated Universal Time': 'UTC',
};

/** The IANA name for a zone Graph accepts, or undefined when the fake does not know it. */
export function ianaZone(zone: string): string | undefined {
  const name = windowsZones[zone] ?? zone;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

function wallParts(at: Date, zone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats an instant the way Graph does: `2026-11-25T10:00:00.0000000` in the given zone. */
export function toWallTime(at: Date, zone: string): string {
  const p = wallParts(at, zone);
  const ms = at.getUTCMilliseconds();
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}:${pad(p.second!)}.${pad(ms, 3)}0000`;
}

/**
 * The instant a wall-clock time names in a zone. Takes the first of the two readings in the autumn
 * overlap, as Exchange does; ISO strings with an offset or `Z` are taken as they stand.
 */
export function fromWallTime(dateTime: string, zone: string): Date {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(dateTime)) return new Date(dateTime);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(dateTime);
  if (!m) throw new Error(`not a Graph dateTime: ${dateTime}`);
  const [, y, mo, d, h, mi, s = '0', frac = '0'] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  // Two passes settle the zone offset, including across a change of offset.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = wallParts(new Date(guess), zone);
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!, new Date(guess).getUTCMilliseconds());
    guess += asUtc - shown;
  }
  return new Date(guess);
}
