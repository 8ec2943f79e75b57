/**
 * Page walkers as async iterators (Octokit's paginate.iterator): the consumer can stop early with `break`,
 * and no page is fetched before it is needed.
 *
 * v2 lists are bare arrays with no totals; the end is a 204 with an empty body or a short page:
 * https://developer.bigcommerce.com/docs/rest-management/orders (see "204 No Content").
 * v3 lists carry `meta.pagination` {current_page, total_pages}.
 */

/** BigCommerce's largest page; bigger limits get a 413. */
export const MAX_PAGE_SIZE = 250;

/** A v2 page: the records, or null for "204 No Content". */
export type FetchV2Page<T> = (page: number, limit: number) => Promise<readonly T[] | null>;

export interface V3Page<T> {
  data: readonly T[];
  pagination: { currentPage: number; totalPages: number } | null;
}
/** A v3 page, or null for "204 No Content" (e.g. an order without transactions). */
export type FetchV3Page<T> = (page: number, limit: number) => Promise<V3Page<T> | null>;

export interface PageOptions {
  /** Records per request, 1..250. */
  limit?: number;
  /** Hard stop, in records: a runaway or looping upstream never costs more than this. */
  maxItems: number;
}

export async function* paginateV2<T>(fetchPage: FetchV2Page<T>, options: PageOptions): AsyncGenerator<T> {
  const limit = clampLimit(options.limit);
  let yielded = 0;
  for (let page = 1; yielded < options.maxItems; page += 1) {
    const records = await fetchPage(page, limit);
    if (records === null) return; // 204: past the last page (or nothing at all)
    for (const record of records) {
      yield record;
      yielded += 1;
      if (yielded >= options.maxItems) return;
    }
    // A short page is the last one; asking again would only cost a request and a 204.
    if (records.length < limit) return;
  }
}

export async function* paginateV3<T>(fetchPage: FetchV3Page<T>, options: PageOptions): AsyncGenerator<T> {
  const limit = clampLimit(options.limit);
  let yielded = 0;
  for (let page = 1; yielded < options.maxItems; page += 1) {
    const result = await fetchPage(page, limit);
    if (result === null) return;
    const meta = result.pagination;
    // A server that ignores `page` (reported for transactions) would hand us page 1 again and again:
    // stop before yielding duplicates.
    if (meta !== null && meta.currentPage !== page) return;
    for (const record of result.data) {
      yield record;
      yielded += 1;
      if (yielded >= options.maxItems) return;
    }
    if (result.data.length === 0 || meta === null || meta.currentPage >= meta.totalPages) return;
  }
}

/** Collects at most `max` items. `truncated` says more were available (costs at most one look-ahead item). */
export async function collectUpTo<T>(
  iterable: AsyncIterable<T>,
  max: number,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  if (max <= 0) return { items, truncated: false };
  for await (const item of iterable) {
    if (items.length >= max) return { items, truncated: true };
    items.push(item);
  }
  return { items, truncated: false };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}
