/**
 * Parsing of ISO-8601 timestamps, with a fast path for the exact form AWS SDKs and our collector
 * write (`YYYY-MM-DDTHH:MM:SS.sssZ` and `YYYY-MM-DDTHH:MM:SSZ`): final mode parses two per record,
 * a million records per run, and `Date.parse` costs several times more. Anything else goes to
 * `Date.parse`, so results never differ.
 */

function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Epoch milliseconds of an ISO-8601 timestamp, or NaN when it is not one. */
export function parseIsoTime(s: string): number {
  const n = s.length;
  if (
    (n === 24 || n === 20) &&
    s.charCodeAt(n - 1) === 90 /* Z */ &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 /* T */ &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    (n === 20 || s.charCodeAt(19) === 46)
  ) {
    const year = digits(s, 0, 4);
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    const ms = n === 24 ? digits(s, 20, 3) : 0;
    if (
      // Years below 100 would be read as 19xx by Date.UTC; leave them (and anything odd) to Date.parse.
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      // Like Date.parse, a day past the month's end rolls over (2025-02-30 is 2 March).
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(s);
}
