import type { ModifiedPage, ModifiedRange } from '../bigcommerce/index.js';
import type { BackgroundGate } from './background-gate.js';

/** BigCommerce's largest page. */
export const DELTA_PAGE_SIZE = 250;

export interface DeltaPagerOptions<T> {
  fetch(range: ModifiedRange, page: { page: number; limit: number }): Promise<ModifiedPage<T>>;
  /** Epoch ms of a record's date_modified. */
  modifiedOf(record: T): number;
  idOf(record: T): number;
  range: ModifiedRange;
  gate: BackgroundGate;
  pageSize?: number;
  /** Called after each call with the number of calls so far (progress, metrics). */
  onCall?: (calls: number) => void;
}

/**
 * Reads every record modified within the range, oldest modification first, in pages that cannot skip or
 * repeat while records change during the run. Page numbers alone can: a record modified after it was read
 * moves to the end of the list and shifts every later record up a page, so the first record of the next page
 * is never read (the sandbox's delta tests show it). Instead the lower bound moves: each page after a full one
 * asks again from the newest second it saw (inclusive), and records already read at that second are dropped
 * by (id, date_modified). Only when a whole page shares one second does the next page keep the bound and
 * advance the page number within that second. Records modified during the run are read again by the next run
 * (its range overlaps this one's end), so a change is never lost.
 */
export async function* pageModified<T>(options: DeltaPagerOptions<T>): AsyncGenerator<T[]> {
  const limit = options.pageSize ?? DELTA_PAGE_SIZE;
  const seen = new Set<string>();
  let min = options.range.min;
  let page = 1;
  let calls = 0;
  for (;;) {
    await options.gate.wait();
    const result = await options.fetch({ min, max: options.range.max }, { page, limit });
    calls += 1;
    options.onCall?.(calls);
    const fresh = result.records.filter((record) => {
      const key = `${options.idOf(record)}:${options.modifiedOf(record)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) yield fresh;
    if (result.rawCount < limit) return;
    const newest = Math.max(...result.records.map((record) => toSecond(options.modifiedOf(record))));
    if (Number.isFinite(newest) && newest > toSecond(min)) {
      min = newest;
      page = 1;
    } else {
      page += 1;
    }
  }
}

function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
