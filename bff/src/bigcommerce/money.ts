/**
 * Exact money. BigCommerce v2 sends amounts as 4-decimal strings ("361.9500"), v3 as JSON numbers (1.99):
 * https://developer.bigcommerce.com/docs/rest-management/orders (money fields are "Float-As-String").
 * Nothing here does float arithmetic; amounts are only re-spelled.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Normalizes an amount to a decimal string with at least two decimals: "361.9500" -> "361.95", "12" -> "12.00",
 * "1.1250" -> "1.125" (three-decimal currencies keep their digit), 1.99 -> "1.99". Returns null when the value
 * is not an amount.
 *
 * For v3 numbers we use String(number), not toFixed: JavaScript prints the shortest decimal that reads back as the
 * same double, which is exactly the literal BigCommerce wrote for any amount of up to 15 significant digits.
 * toFixed(2) would round away a third decimal and toFixed(4) would print binary noise ("0.1" -> "0.1000" is fine,
 * but 1.005.toFixed(2) is "1.00"). Exponent forms (1e21, 1e-7) are not plausible amounts and are rejected.
 */
export function toDecimalString(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '').padEnd(2, '0');
  const isZero = /^0+$/.test(integer) && /^0+$/.test(decimals);
  return `${isZero ? '' : sign}${integer}.${decimals}`;
}
