/**
 * BigCommerce dates: v2 responses use RFC 2822 ("Tue, 05 Mar 2019 21:40:11 +0000"), v3 uses ISO 8601
 * ("2018-05-08T15:06:12+00:00"): https://developer.bigcommerce.com/docs/rest-management/orders.
 * Both become ISO 8601 with an explicit offset; the original offset is kept, not converted.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC?|Z)$/;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * RFC 2822 or ISO 8601 -> `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; null when the text is not a real date.
 * An ISO value without an offset is read as UTC (v3 timestamps are UTC).
 */
export function toIsoDateTime(text: string): string | null {
  const value = text.trim();
  const rfc = RFC_2822.exec(value);
  if (rfc) {
    const [, day = '', monthName = '', year = '', hour = '', minute = '', second = '00', zone = ''] = rfc;
    const month = MONTHS.indexOf(monthName) + 1;
    if (month === 0) return null;
    return compose(year, pad(month), day.padStart(2, '0'), hour, minute, second, '', normalizeOffset(zone));
  }
  const iso = ISO_8601.exec(value);
  if (iso) {
    const [
      ,
      year = '',
      month = '',
      day = '',
      hour = '',
      minute = '',
      second = '00',
      fraction = '',
      zone = 'Z',
    ] = iso;
    return compose(year, month, day, hour, minute, second, fraction, normalizeOffset(zone));
  }
  return null;
}

function compose(
  year: string,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string,
  fraction: string,
  offset: string | null,
): string | null {
  if (offset === null) return null;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Reject impossible calendar values (31 Feb, 25:00) that Date would silently roll over.
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    probe.getUTCFullYear() !== y ||
    probe.getUTCMonth() !== mo - 1 ||
    probe.getUTCDate() !== d ||
    probe.getUTCHours() !== h ||
    probe.getUTCMinutes() !== mi ||
    probe.getUTCSeconds() !== s
  ) {
    return null;
  }
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`;
}

function normalizeOffset(zone: string): string | null {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'GMT' || upper === 'UT' || upper === 'UTC') return '+00:00';
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return null;
  const [, sign = '+', hours = '00', minutes = '00'] = match;
  if (Number(hours) > 14 || Number(minutes) > 59) return null;
  return `${sign}${hours}:${minutes}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * An instant as v2 filters read it, RFC 2822 in UTC (`Thu, 20 Apr 2017 11:32:00 +0000`), whole seconds
 * (BigCommerce's dates have second granularity). The transport percent-encodes the `+`.
 */
export function toRfc2822(epochMs: number): string {
  const d = new Date(Math.floor(epochMs / 1000) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[d.getUTCDay()] ?? ''}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

/** An instant as v3 filters read it: ISO 8601 with an explicit offset, whole seconds. */
export function toIsoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}
