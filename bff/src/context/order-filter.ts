import type { ContextFilter } from '../../../shared/index.js';
import type { OrderFilter } from '../bigcommerce/index.js';

const DAY_MS = 86_400_000;

/**
 * An agent's filter over a shopper's orders (issue 13): one order number, one status, a range of creation days.
 * Every field null means "no filter". Days are UTC calendar days, both ends inclusive.
 */
export interface HistoryFilter {
  orderId: number | null;
  statusId: number | null;
  /** Epoch ms of the first day's start. */
  createdFrom: number | null;
  /** Epoch ms of the last second of the last day. */
  createdTo: number | null;
}

/** The validated query as a filter; null when it filters nothing. */
export function toHistoryFilter(query: ContextFilter): HistoryFilter | null {
  const filter: HistoryFilter = {
    orderId: query.number === undefined ? null : Number(query.number.replace('#', '')),
    statusId: query.status === undefined ? null : Number(query.status),
    createdFrom: query.from === undefined ? null : Date.parse(`${query.from}T00:00:00Z`),
    createdTo: query.to === undefined ? null : Date.parse(`${query.to}T00:00:00Z`) + DAY_MS - 1000,
  };
  return Object.values(filter).every((value) => value === null) ? null : filter;
}

/**
 * The filter in one canonical string ('' for none): part of cache keys and of the cursor's fingerprint, so a
 * cursor issued for one filter is refused with another.
 */
export function filterKey(filter: HistoryFilter | null): string {
  if (filter === null) return '';
  const { orderId, statusId, createdFrom, createdTo } = filter;
  return [orderId, statusId, createdFrom, createdTo].map((value) => value ?? '').join('~');
}

/** The filter as BigCommerce's list filters: `min_id=max_id`, `status_id`, `min|max_date_created`. */
export function toOrderFilterFields(
  filter: HistoryFilter | null,
): Pick<OrderFilter, 'minId' | 'maxId' | 'statusId' | 'createdFrom' | 'createdTo'> {
  if (filter === null) return {};
  return {
    ...(filter.orderId === null ? {} : { minId: filter.orderId, maxId: filter.orderId }),
    ...(filter.statusId === null ? {} : { statusId: filter.statusId }),
    ...(filter.createdFrom === null ? {} : { createdFrom: filter.createdFrom }),
    ...(filter.createdTo === null ? {} : { createdTo: filter.createdTo }),
  };
}
