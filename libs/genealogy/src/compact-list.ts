/**
 * Appends, keeping short lists exact-sized. V8 grows an array on push to old + old / 2 + 16 slots, so a lot with
 * one receipt would carry 17 slots (about 200 bytes instead of 64); most lists here hold one to three entries and
 * there are millions of them. Past a few entries amortised push takes over, so a hub lot with 10 k consumptions
 * still costs linear time.
 */
const COPY_UP_TO = 8;

export function appended<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  if (list.length < COPY_UP_TO) return list.concat([item]);
  list.push(item);
  return list;
}
