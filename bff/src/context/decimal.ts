/**
 * Exact sums of decimal strings ("12.50" + "0.125"), for totals that BigCommerce splits over two fields.
 * Scaled BigInt arithmetic: no float ever touches money.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function addDecimals(...values: readonly string[]): string {
  const parsed = values.map(parseDecimal);
  const scale = Math.max(2, ...parsed.map((p) => p.scale));
  const sum = parsed.reduce((acc, p) => acc + p.units * 10n ** BigInt(scale - p.scale), 0n);
  return formatUnits(sum, scale);
}

function parseDecimal(value: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${value}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits
    .slice(digits.length - scale)
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}
