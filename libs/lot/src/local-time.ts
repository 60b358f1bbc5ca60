/**
 * Local wall-clock times of senders that write no zone (SAP EDI_DC40 CREDAT/CRETIM, Kingdee and Yonyou datetimes)
 * turned into UTC instants, given the sender's IANA time zone.
 */

/** Creating an Intl.DateTimeFormat costs about a millisecond: one per zone, kept. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * Offsets by zone and UTC hour: formatToParts in a zone costs hundreds of microseconds, and zone offsets only change
 * on whole quarter hours at the earliest, so a quarter hour's offset is looked up once (bounded cache).
 */
const offsets = new Map<string, number>();

/** Milliseconds to add to a UTC instant to get the wall-clock time in `timeZone` at that instant. */
function utcOffset(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochMs / 900_000)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const parts = formatOf(timeZone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  const offset = wallClock - Math.floor(epochMs / 1000) * 1000;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The UTC instant of a wall-clock time in an IANA zone; in a daylight-saving gap or overlap the earlier offset wins. */
export function zonedInstant(wallClock: string, timeZone: string): string {
  const asUtc = Date.parse(`${wallClock}Z`);
  if (timeZone === 'UTC') return new Date(asUtc).toISOString();
  const guess = asUtc - utcOffset(asUtc, timeZone);
  return new Date(asUtc - utcOffset(guess, timeZone)).toISOString();
}

/** Whether `timeZone` names an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatOf(timeZone);
    return true;
  } catch {
    return false;
  }
}
