// Parses the date values BigCommerce's list filters accept, strictly, so a client bug shows up as a 400
// instead of a silently different window:
// - v2 orders (`min_date_modified` …): RFC 2822 `Thu, 20 Apr 2017 11:32:00 -0400` or ISO 8601
//   `2017-04-20T11:32:00.000-04:00` (orders.v2.oas2.yml parameter descriptions; reference
//   sync-novomind-ops.md B1). A `+` offset sent unencoded arrives as a space and is refused here.
// - v3 customers (`date_modified:min` …): `2024-05-14T09:34:00`, `2024-05-14` or unix seconds
//   (customers.v3.yml). The time zone of offset-less values is not documented; the sandbox reads them as
//   UTC (reference B1: "always send an explicit offset or unix seconds").
// Values are truncated to whole seconds: BigCommerce stores dates with second granularity, so
// `min_date_modified=…:00.500` still matches an order modified at …:00 (bounds are inclusive).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC|UT|Z)$/;
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|GMT|UTC|UT)$/.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function utc(parts: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  zone: string | undefined;
}): number {
  const { year, month, day, hour, minute, second } = parts;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  return Date.UTC(year, month, day, hour, minute, second) - offsetMinutes(parts.zone) * 60_000;
}

/** Epoch ms (whole seconds) of an RFC 2822, ISO 8601 or unix-seconds value; NaN when it is none of them. */
export function parseFilterDate(value: string): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const rfc = RFC_2822.exec(text);
  if (rfc) {
    const month = MONTHS.indexOf((rfc[2] ?? '').toLowerCase());
    return utc({
      year: Number(rfc[3]),
      month,
      day: Number(rfc[1]),
      hour: Number(rfc[4]),
      minute: Number(rfc[5]),
      second: Number(rfc[6] ?? 0),
      zone: rfc[7],
    });
  }
  const iso = ISO_8601.exec(text);
  if (iso) {
    return utc({
      year: Number(iso[1]),
      month: Number(iso[2]) - 1,
      day: Number(iso[3]),
      hour: Number(iso[4] ?? 0),
      minute: Number(iso[5] ?? 0),
      second: Number(iso[6] ?? 0),
      zone: iso[7],
    });
  }
  return NaN;
}
