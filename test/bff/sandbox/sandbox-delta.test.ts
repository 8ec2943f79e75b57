import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SANDBOX_BASE_DATE_MS,
  SANDBOX_PERSONAS,
  startSandbox,
  type RawCustomer,
  type RawOrder,
  type Sandbox,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const DAY = 86_400_000;
const iso = (ms: number, offset = '+00:00'): string => {
  const sign = offset.startsWith('-') ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return (
    new Date(ms + shift)
      .toISOString()
      .replace('Z', '')
      .replace(/\.000$/, '') + offset
  );
};
type Count = { count: number; statuses: { id: number; count: number }[] };

async function readAll(sandbox: Sandbox, query: string, limit = 50): Promise<RawOrder[]> {
  const rows: RawOrder[] = [];
  for (let page = 1; ; page++) {
    const response = await callSandbox(sandbox, `/v2/orders?${query}&limit=${limit}&page=${page}`);
    if (response.status === 204) return rows;
    rows.push(...(response.json as RawOrder[]));
  }
}

describe('sandbox delta reads: /v2/orders by date_modified', () => {
  let sandbox: Sandbox;
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  before(async () => {
    sandbox = await startSandbox({ quota: 100_000, now: () => clock });
  });
  after(() => sandbox.close());

  it('takes RFC 2822 and ISO 8601 with any offset as the same instant, with inclusive bounds', async () => {
    const order = sandbox.store().data.getOrder(eu.orders.partiallyShipped)!;
    const at = Date.parse(order.date_modified);
    const ids = async (min: string, max: string): Promise<number[]> => {
      const response = await callSandbox(
        sandbox,
        `/v2/orders?min_date_modified=${encodeURIComponent(min)}&max_date_modified=${encodeURIComponent(max)}`,
      );
      return response.status === 204 ? [] : (response.json as RawOrder[]).map((o) => o.id);
    };

    const rfc = await ids(order.date_modified, order.date_modified);
    const isoUtc = await ids(iso(at), iso(at));
    const isoMinus4 = await ids(iso(at, '-04:00'), iso(at, '-04:00'));
    const isoPlus2 = await ids(iso(at, '+02:00'), iso(at, '+02:00'));
    const afterIt = await ids(iso(at + 1000), iso(at + 60_000));

    assert.ok(rfc.includes(order.id));
    assert.deepEqual(isoUtc, rfc);
    assert.deepEqual(isoMinus4, rfc);
    assert.deepEqual(isoPlus2, rfc);
    assert.ok(!afterIt.includes(order.id));
  });

  it('compares at second granularity: a bound with milliseconds still includes that second', async () => {
    const order = sandbox.store().data.getOrder(eu.orders.refunded)!;
    const at = Date.parse(order.date_modified);
    const withMillis = new Date(at + 500).toISOString();

    const response = await callSandbox(
      sandbox,
      `/v2/orders?min_date_modified=${encodeURIComponent(withMillis)}&max_date_modified=${encodeURIComponent(withMillis)}`,
    );

    assert.ok((response.json as RawOrder[]).some((o) => o.id === order.id));
  });

  it('refuses dates it cannot read with 400, an unencoded "+" offset included', async () => {
    const bad = [
      'yesterday',
      '2026-13-01T00:00:00Z',
      'Sat, 21 Nov 2026 08:59:00  0000', // '+0000' sent without %2B arrives as a space
      '2026-11-21T08:59:00 02:00',
    ];
    for (const value of bad) {
      const response = await callSandbox(
        sandbox,
        `/v2/orders?min_date_modified=${encodeURIComponent(value)}`,
      );
      assert.equal(response.status, 400, value);
      assert.deepEqual(response.json, [
        { status: 400, message: "The field 'min_date_modified' is invalid." },
      ]);
    }
  });

  it('sorts by date_modified ascending with ties broken by id, and descending the other way', async () => {
    clock += DAY;
    const store = sandbox.store();
    // Two writes in the same second: the same date_modified, so only the id orders them.
    store.mutate.setStaffNotes(eu.orders.digital, 'tie');
    store.mutate.setStaffNotes(eu.orders.incomplete, 'tie');
    const since = `min_date_modified=${encodeURIComponent(iso(SANDBOX_BASE_DATE_MS - 30 * DAY))}`;

    const asc = await readAll(sandbox, `${since}&sort=date_modified:asc`, 7);
    const desc = await readAll(sandbox, `${since}&sort=date_modified:desc`, 7);

    const keys = asc.map((o) => [Date.parse(o.date_modified), o.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [prevAt, prevId] = keys[i - 1]!;
      const [at, id] = keys[i]!;
      assert.ok(prevAt < at || (prevAt === at && prevId < id), `row ${i} out of order`);
    }
    assert.deepEqual(
      asc.slice(-2).map((o) => o.id),
      [eu.orders.incomplete, eu.orders.digital].sort((a, b) => a - b),
    );
    assert.deepEqual(
      desc.map((o) => o.id),
      asc.map((o) => o.id).reverse(),
    );
  });

  it('answers an empty page with 204 and an empty body', async () => {
    const future = encodeURIComponent(iso(clock + 365 * DAY));

    const response = await callSandbox(
      sandbox,
      `/v2/orders?min_date_modified=${future}&sort=date_modified:asc`,
    );

    assert.equal(response.status, 204);
    assert.equal(response.text, '');
  });

  it('counts with the same filters as the list (/v2/orders/count)', async () => {
    const window = `min_date_modified=${encodeURIComponent(iso(SANDBOX_BASE_DATE_MS - 30 * DAY))}&max_date_modified=${encodeURIComponent(iso(SANDBOX_BASE_DATE_MS))}`;

    const rows = await readAll(sandbox, window);
    const count = (await callSandbox(sandbox, `/v2/orders/count?${window}`)).json as Count;
    const byStatus = (await callSandbox(sandbox, `/v2/orders/count?${window}&status_id=2`)).json as Count;
    const all = (await callSandbox(sandbox, '/v2/orders/count')).json as Count;
    const bad = await callSandbox(sandbox, '/v2/orders/count?min_date_modified=soon');

    assert.equal(count.count, rows.length);
    assert.equal(
      count.statuses.reduce((sum, s) => sum + s.count, 0),
      rows.length,
    );
    assert.equal(byStatus.count, rows.filter((o) => o.status_id === 2).length);
    assert.equal(all.count, sandbox.store().data.orders.length);
    assert.equal(bad.status, 400);
  });
});

describe('sandbox delta reads: v3 customers by date_modified', () => {
  let sandbox: Sandbox;
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  const list = async (query: string): Promise<RawCustomer[]> =>
    ((await callSandbox(sandbox, `/v3/customers?${query}&limit=250`)).json as { data: RawCustomer[] }).data;
  before(async () => {
    sandbox = await startSandbox({ quota: 100_000, now: () => clock });
  });
  after(() => sandbox.close());

  it('filters on date_modified:min/:max and sorts by date_modified asc|desc', async () => {
    const all = await list('sort=date_modified:asc');
    const middle = all[Math.floor(all.length / 2)]!;
    const at = Date.parse(middle.date_modified);

    const fromMiddle = await list(
      `date_modified:min=${encodeURIComponent(middle.date_modified)}&sort=date_modified:asc`,
    );
    const upToMiddle = await list(`date_modified:max=${Math.floor(at / 1000)}&sort=date_modified:desc`);

    const times = all.map((c) => Date.parse(c.date_modified));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(fromMiddle[0]!.id, middle.id);
    assert.ok(fromMiddle.every((c) => Date.parse(c.date_modified) >= at));
    assert.equal(upToMiddle[0]!.id, middle.id, 'unix seconds work too, inclusive');
    assert.ok(upToMiddle.every((c) => Date.parse(c.date_modified) <= at));
    assert.equal(fromMiddle.length + upToMiddle.length, all.length + 1);
  });

  it('moves an updated customer to now, where a delta from the last run finds it', async () => {
    const checkpoint = clock;
    clock += 3_600_000;

    sandbox.store().mutate.updateCustomer(eu.registered.customerId, { company: 'Öztürk Design' });
    const delta = await list(`date_modified:min=${encodeURIComponent(new Date(checkpoint).toISOString())}`);

    assert.deepEqual(
      delta.map((c) => c.id),
      [eu.registered.customerId],
    );
    assert.equal(delta[0]!.date_modified, iso(clock));
  });

  it('refuses an unreadable date with a v3 422', async () => {
    const response = await callSandbox(sandbox, '/v3/customers?date_modified:min=last-week');

    assert.equal(response.status, 422);
    assert.equal((response.json as { status: number }).status, 422);
  });
});

/**
 * What page-number paging over `sort=date_modified:asc` does when orders of the window change during
 * the run: a written order jumps to the end of the sort (its date_modified is now), so every row behind
 * its old position moves up one place. The findings, for the sync room's design:
 * 1. A row already read is modified: the first row of the next page slides onto the page just read and is
 *    SKIPPED; the modified row is read AGAIN at the end (or, with max_date_modified capped at the run's
 *    start, not at all). The skipped row did not change, so no later delta run looks at it again: a lost row.
 * 2. A row not yet read is modified: nothing is skipped; the row is read once, at the end (or, capped,
 *    not at all: the next run finds it because its date_modified is after that run's checkpoint).
 * 3. Keyset reading (each page asks min_date_modified = the last row's date_modified, page 1, and pages on
 *    only while a whole page sits on one second; de-duplicated on (id, date_modified)) loses nothing.
 */
describe('sandbox delta paging while orders change (page numbers vs keyset)', () => {
  const windowStart = iso(SANDBOX_BASE_DATE_MS - 30 * DAY);
  const LIMIT = 10;
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  const fresh = (): Promise<Sandbox> => startSandbox({ quota: 100_000, now: () => clock });
  const page = async (sandbox: Sandbox, query: string, n: number): Promise<RawOrder[]> => {
    const response = await callSandbox(
      sandbox,
      `/v2/orders?${query}&sort=date_modified:asc&limit=${LIMIT}&page=${n}`,
    );
    return response.status === 204 ? [] : (response.json as RawOrder[]);
  };
  const write = (sandbox: Sandbox, orderId: number): Promise<unknown> => {
    clock += 1000;
    return callSandbox(sandbox, `/v2/orders/${orderId}`, {
      method: 'PUT',
      body: { staff_notes: 'mid-run note' },
    });
  };
  const pageByPage = async (
    sandbox: Sandbox,
    query: string,
    between: () => Promise<unknown>,
  ): Promise<number[]> => {
    const seen = (await page(sandbox, query, 1)).map((o) => o.id);
    await between();
    for (let n = 2; ; n++) {
      const rows = await page(sandbox, query, n);
      if (!rows.length) return seen;
      seen.push(...rows.map((o) => o.id));
    }
  };

  it('skips one unread row and repeats the modified one when a row already read changes', async () => {
    const sandbox = await fresh();
    const query = `min_date_modified=${encodeURIComponent(windowStart)}`;
    const snapshot = (await readAll(sandbox, `${query}&sort=date_modified:asc`)).map((o) => o.id);
    const modified = snapshot[2]!;

    const seen = await pageByPage(sandbox, query, () => write(sandbox, modified));
    await sandbox.close();

    assert.ok(snapshot.length > 3 * LIMIT, 'the window spans several pages');
    assert.deepEqual(
      snapshot.filter((id) => !seen.includes(id)),
      [snapshot[LIMIT]],
      'the first row of page 2 was never read',
    );
    assert.deepEqual(seen.filter((id) => id === modified).length, 2, 'the modified row came back at the end');
    assert.equal(seen.at(-1), modified);
  });

  it('skips one unread row and drops the modified one when the window is capped at the run start', async () => {
    const sandbox = await fresh();
    const query = `min_date_modified=${encodeURIComponent(windowStart)}&max_date_modified=${encodeURIComponent(iso(clock))}`;
    const snapshot = (await readAll(sandbox, `${query}&sort=date_modified:asc`)).map((o) => o.id);
    const modified = snapshot[2]!;

    const seen = await pageByPage(sandbox, query, () => write(sandbox, modified));
    await sandbox.close();

    assert.deepEqual(
      snapshot.filter((id) => !seen.includes(id)),
      [snapshot[LIMIT]],
    );
    assert.equal(seen.filter((id) => id === modified).length, 1, 'read once, before it changed');
  });

  it('skips nothing when a row not yet read changes: it is read once, at the end', async () => {
    const sandbox = await fresh();
    const query = `min_date_modified=${encodeURIComponent(windowStart)}`;
    const snapshot = (await readAll(sandbox, `${query}&sort=date_modified:asc`)).map((o) => o.id);
    const modified = snapshot[LIMIT + 5]!;

    const seen = await pageByPage(sandbox, query, () => write(sandbox, modified));
    await sandbox.close();

    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [...snapshot].sort((a, b) => a - b),
    );
    assert.equal(seen.at(-1), modified);
  });

  it('loses nothing with keyset reading (min_date_modified advanced per page, de-duplicated)', async () => {
    const sandbox = await fresh();
    const snapshot = (
      await readAll(sandbox, `min_date_modified=${encodeURIComponent(windowStart)}&sort=date_modified:asc`)
    ).map((o) => o.id);
    const seen = new Map<string, number>();
    let cursor = windowStart;
    let n = 1;
    let pagesRead = 0;
    for (;;) {
      const rows = await page(sandbox, `min_date_modified=${encodeURIComponent(cursor)}`, n);
      pagesRead++;
      if (pagesRead === 1) await write(sandbox, rows[2]!.id);
      for (const row of rows) seen.set(`${row.id}@${row.date_modified}`, row.id);
      if (rows.length < LIMIT) break;
      const last = rows.at(-1)!.date_modified;
      // A full page on a single second cannot move the cursor: page on within that second.
      if (Date.parse(last) === Date.parse(cursor)) n++;
      else [cursor, n] = [last, 1];
    }
    await sandbox.close();

    const ids = new Set(seen.values());
    assert.deepEqual(
      snapshot.filter((id) => !ids.has(id)),
      [],
    );
  });
});
