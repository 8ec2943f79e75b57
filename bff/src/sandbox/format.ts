// Wire formats BigCommerce uses: v2 money is a 4-decimal string, v2 dates are RFC 2822 with +0000,
// v3 money is a number and v3 dates are ISO 8601. Amounts are kept as integer cents to avoid float drift.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 36195 -> "361.9500" */
export function formatMoneyV2(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${pad2(abs % 100)}00`;
}

/** 36195 -> 361.95 */
export function formatMoneyV3(cents: number): number {
  return Math.round(cents) / 100;
}

/** -> "Tue, 05 Mar 2019 21:40:11 +0000" */
export function formatRfc2822(ms: number): string {
  const d = new Date(ms);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}

/** -> "2019-03-05T21:40:11+00:00" (the offset form BigCommerce v3 examples use). */
export function formatIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
