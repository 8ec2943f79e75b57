// Customer groups (customers.v2.yml `customerGroup_Full`), named for the ids the seeded customers already
// carry: 1 regular shoppers, 2 business customers (every customer with a company is in it), 3 VIPs;
// 0 means "no group", as in BigCommerce, and is not a group record. The EU store's labels are German, as a
// German merchant would name them. Dates use the spec example's `YYYY-MM-DD hh:mm:ss` form.
import type { Region } from './seed-catalog.js';
import type { RawCustomerGroup } from './types.js';

const NAMES: Record<Region, [string, string, string]> = {
  eu: ['Stammkunden', 'Großhandel', 'VIP'],
  us: ['Retail', 'Wholesale', 'VIP'],
};

export function createCustomerGroups(region: Region): RawCustomerGroup[] {
  const [retail, wholesale, vip] = NAMES[region];
  const group = (
    id: number,
    name: string,
    discountRules: RawCustomerGroup['discount_rules'],
    created: string,
    modified: string,
  ): RawCustomerGroup => ({
    id,
    name,
    is_default: false,
    category_access: { type: 'all' },
    discount_rules: discountRules,
    date_created: created,
    date_modified: modified,
    is_group_for_guests: false,
  });
  return [
    group(1, retail, [], '2023-02-06 09:12:40', '2023-02-06 09:12:40'),
    group(
      2,
      wholesale,
      [{ type: 'all', method: 'percent', amount: '12.0000' }],
      '2023-02-06 09:14:03',
      '2024-08-19 15:41:22',
    ),
    group(
      3,
      vip,
      [{ type: 'all', method: 'percent', amount: '5.0000' }],
      '2023-11-20 17:05:58',
      '2023-11-20 17:05:58',
    ),
  ];
}
