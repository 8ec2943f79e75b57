// Filters and sorts orders for GET /v2/orders and /v2/orders/count over both kinds of storage: the seeded
// (and created) order records, and the bulk store's columns. Bulk orders are walked by index in sort
// order and turned into records only for the requested page, so paging 100,000 orders by date_modified
// costs one pass over a few typed arrays per request, not 100,000 objects.
// Semantics follow BigCommerce's list endpoint (orders.v2.oas2.yml): inclusive min/max bounds, default
// sort id ascending, `field:asc|desc` with ties broken by id in the same direction.
import type { SandboxData } from './create-sandbox-data.js';
import type { RawOrder } from './types.js';

export const ORDER_SORT_FIELDS = [
  'id',
  'customer_id',
  'date_created',
  'date_modified',
  'status_id',
  'channel_id',
] as const;
export type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];

export interface OrderFilter {
  customerId: number | null;
  email: string | null;
  statusId: number | null;
  channelId: number | null;
  minId: number | null;
  maxId: number | null;
  /** Epoch ms, inclusive. */
  minCreated: number | null;
  maxCreated: number | null;
  minModified: number | null;
  maxModified: number | null;
}

export interface OrderSort {
  field: OrderSortField;
  descending: boolean;
}

export interface OrderSelection {
  total: number;
  page(offset: number, limit: number): RawOrder[];
  countByStatus(): Map<number, number>;
}

const inRange = (value: number, min: number | null, max: number | null): boolean =>
  (min === null || value >= min) && (max === null || value <= max);

function recordKey(order: RawOrder, field: OrderSortField): number {
  if (field === 'date_created' || field === 'date_modified') return Date.parse(order[field]);
  return order[field];
}

function matchesRecord(order: RawOrder, filter: OrderFilter, emailKey: string | null): boolean {
  return (
    (emailKey === null || order.billing_address.email.toLowerCase() === emailKey) &&
    (filter.customerId === null || order.customer_id === filter.customerId) &&
    (filter.statusId === null || order.status_id === filter.statusId) &&
    (filter.channelId === null || order.channel_id === filter.channelId) &&
    inRange(order.id, filter.minId, filter.maxId) &&
    (filter.minCreated === null && filter.maxCreated === null
      ? true
      : inRange(Date.parse(order.date_created), filter.minCreated, filter.maxCreated)) &&
    (filter.minModified === null && filter.maxModified === null
      ? true
      : inRange(Date.parse(order.date_modified), filter.minModified, filter.maxModified))
  );
}

export function selectOrders(data: SandboxData, filter: OrderFilter, sort: OrderSort): OrderSelection {
  const emailKey = filter.email === null ? null : filter.email.trim().toLowerCase();
  const sign = sort.descending ? -1 : 1;

  // Records: use the seed-time indexes so a shopper's list costs O(their orders).
  const base: readonly RawOrder[] =
    // customer_id=0 (guests) with an email: the email's orders, then filtered to the guest ones.
    filter.customerId !== null && (filter.customerId !== 0 || emailKey === null)
      ? data.getOrdersByCustomer(filter.customerId)
      : emailKey !== null
        ? data.getOrdersByEmail(emailKey)
        : data.orders;
  const records = base
    .filter((order) => matchesRecord(order, filter, emailKey))
    .map((order) => ({ order, key: recordKey(order, sort.field) }));
  if (sort.field !== 'id' || sort.descending) {
    records.sort((a, b) => sign * (a.key - b.key) || sign * (a.order.id - b.order.id));
  }

  // Bulk: guests on channel 1, so only no customer filter or customer_id=0 (guests) matches them, as for the
  // seeded guests.
  const bulk = data.bulk;
  let indices = new Uint32Array(0);
  let bulkKey = (_index: number): number => 0;
  if (
    bulk &&
    (filter.customerId === null || filter.customerId === 0) &&
    (filter.channelId === null || filter.channelId === 1)
  ) {
    const shopper = emailKey === null ? -1 : bulk.emailIndex(emailKey);
    const matches = (i: number): boolean =>
      (emailKey === null || bulk.shopper[i] === shopper) &&
      (filter.statusId === null || bulk.status[i] === filter.statusId) &&
      inRange(bulk.firstId + i, filter.minId, filter.maxId) &&
      inRange(bulk.created[i]!, filter.minCreated, filter.maxCreated) &&
      inRange(bulk.modified[i]!, filter.minModified, filter.maxModified);
    const field = sort.field;
    bulkKey =
      field === 'date_created'
        ? (i) => bulk.created[i]!
        : field === 'date_modified'
          ? (i) => bulk.modified[i]!
          : field === 'status_id'
            ? (i) => bulk.status[i]!
            : field === 'id'
              ? (i) => bulk.firstId + i
              : field === 'channel_id'
                ? () => 1
                : () => 0;
    const ordered = field === 'date_created' || field === 'date_modified' ? bulk.sortedBy(field) : null;
    const picked = new Uint32Array(bulk.count);
    let n = 0;
    if (emailKey === null || shopper >= 0) {
      for (let k = 0; k < bulk.count; k++) {
        const i = ordered ? ordered[k]! : k;
        if (matches(i)) picked[n++] = i;
      }
    }
    indices = picked.subarray(0, n);
    if (!ordered && field !== 'id') indices.sort((a, b) => bulkKey(a) - bulkKey(b) || a - b);
    if (sort.descending) indices.reverse();
  }

  const total = records.length + indices.length;
  return {
    total,
    page(offset, limit) {
      const out: RawOrder[] = [];
      let r = 0;
      let b = 0;
      for (let position = 0; position < offset + limit && position < total; position++) {
        const record = records[r];
        const index = indices[b];
        const takeRecord =
          index === undefined ||
          (record !== undefined &&
            (sign * (record.key - bulkKey(index)) || sign * (record.order.id - (bulk!.firstId + index))) < 0);
        if (takeRecord) {
          if (position >= offset) out.push(record!.order);
          r++;
        } else {
          if (position >= offset) out.push(bulk!.get(bulk!.firstId + index)!);
          b++;
        }
      }
      return out;
    },
    countByStatus() {
      const counts = new Map<number, number>();
      for (const { order } of records) counts.set(order.status_id, (counts.get(order.status_id) ?? 0) + 1);
      for (const index of indices) {
        const statusId = bulk!.status[index]!;
        counts.set(statusId, (counts.get(statusId) ?? 0) + 1);
      }
      return counts;
    },
  };
}
