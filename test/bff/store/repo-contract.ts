// The repository contract: what every engine's store must do, written once and run against each engine
// (store/*.test.ts call it with their own factory). Behaviour only; nothing here knows the engine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IndexedCustomer, IndexedOrder, Store, TicketEvent } from '../../../bff/src/store/index.js';
import { describeNovomindRepoContract } from './repo-contract-novomind.js';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export interface StoreFactory {
  /** A store with empty tables (retention as given). */
  open(options?: { errorLog?: { maxAgeMs: number; maxRows: number } }): Promise<Store>;
}

function event(overrides: Partial<TicketEvent>): TicketEvent {
  return {
    ticket: 'T-x',
    orderId: null,
    agent: 'alice',
    type: 'session.opened',
    status: 'ok',
    correlationId: null,
    at: T0,
    ...overrides,
  };
}

export function describeRepoContract(engine: string, factory: StoreFactory): void {
  describe(`repositories on ${engine}`, () => {
    let store: Store;
    before(async () => {
      store = await factory.open();
    });
    after(() => store.close());

    it('answers the readiness check', async () => {
      assert.equal(await store.check(), true);
    });

    it('accepts a jti once and refuses it again, and forgets expired ones', async () => {
      const { jti } = store.repos;
      assert.equal(await jti.consume('j-1', T0 + 60_000), true);
      assert.equal(await jti.consume('j-1', T0 + 60_000), false);
      assert.equal(await jti.consume('j-2', T0 + 60_000), true);
      await jti.consume('j-old', T0 + 1000);

      assert.equal(await jti.purgeExpired(T0 + 2000), 1);
      assert.equal(await jti.consume('j-2', T0 + 60_000), false);
    });

    it('refuses a jti raced by many concurrent consumers but once', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.repos.jti.consume('j-race', T0 + 60_000)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('finds a session by hash until it expires', async () => {
      const record = {
        idHash: 'a'.repeat(64),
        ticket: 'T-1',
        agent: 'alice',
        customer: '12',
        email: 'ada@example.com',
        market: 'de',
        store: 'eu',
        scopes: ['orders:read', 'notes:write'],
        locale: 'de-DE',
        jti: 'j-s',
        createdAt: T0,
        expiresAt: T0 + 1000,
        order: 521,
        ticketCreatedAt: T0 - 3_600_000,
      };
      await store.repos.sessions.insert(record);

      assert.deepEqual(await store.repos.sessions.findByHash(record.idHash, T0 + 999), record);
      const without = { ...record, idHash: 'b'.repeat(64), jti: 'j-t', order: null, ticketCreatedAt: null };
      await store.repos.sessions.insert(without);
      assert.deepEqual(await store.repos.sessions.findByHash(without.idHash, T0 + 999), without);
      assert.equal(await store.repos.sessions.findByHash(record.idHash, T0 + 1000), null);
      assert.equal(await store.repos.sessions.purgeExpired(T0 + 1000), 2);
    });

    it('upserts one link per ticket and market', async () => {
      const { links } = store.repos;
      await links.upsert({
        ticket: 'T-2',
        market: 'de',
        customerId: 5,
        email: null,
        createdBy: 'alice',
        createdAt: T0,
      });
      await links.upsert({
        ticket: 'T-2',
        market: 'us',
        customerId: 9,
        email: null,
        createdBy: 'alice',
        createdAt: T0,
      });
      await links.upsert({
        ticket: 'T-2',
        market: 'de',
        customerId: null,
        email: 'guest@example.com',
        createdBy: 'bob',
        createdAt: T0 + 10,
      });

      assert.deepEqual(await links.get('T-2', 'de'), {
        ticket: 'T-2',
        market: 'de',
        customerId: null,
        email: 'guest@example.com',
        createdBy: 'bob',
        createdAt: T0 + 10,
      });
      assert.equal((await links.get('T-2', 'us'))?.customerId, 9);
      assert.equal(await links.get('T-3', 'de'), null);
      await assert.rejects(
        links.upsert({
          ticket: 'T-4',
          market: 'de',
          customerId: null,
          email: null,
          createdBy: 'a',
          createdAt: T0,
        }),
      );
    });

    it('undoes a link within its time: the link before comes back as it was, or none', async () => {
      const { links } = store.repos;
      const link = (customerId: number, createdBy: string, createdAt: number) => ({
        ticket: 'T-undo',
        market: 'de',
        customerId,
        email: null,
        createdBy,
        createdAt,
      });
      await links.upsert(link(1, 'alice', T0), T0 + 60_000);

      assert.deepEqual(await links.undo('T-undo', 'de', { createdBy: 'alice', createdAt: T0 }, T0 + 60_000), {
        outcome: 'undone',
        restored: null,
      });
      assert.equal(await links.get('T-undo', 'de'), null, 'no link before: none again');

      await links.upsert(link(1, 'alice', T0 + 100));
      await links.upsert(link(2, 'bob', T0 + 200), T0 + 60_200);
      assert.deepEqual(
        await links.undo('T-undo', 'de', { createdBy: 'alice', createdAt: T0 + 200 }, T0 + 300),
        { outcome: 'changed' },
        'only the agent who linked',
      );
      assert.deepEqual(
        await links.undo('T-undo', 'de', { createdBy: 'bob', createdAt: T0 + 200 }, T0 + 300),
        {
          outcome: 'undone',
          restored: link(1, 'alice', T0 + 100),
        },
      );
      assert.deepEqual(await links.get('T-undo', 'de'), link(1, 'alice', T0 + 100));
      assert.deepEqual(
        await links.undo('T-undo', 'de', { createdBy: 'bob', createdAt: T0 + 200 }, T0 + 400),
        { outcome: 'changed' },
        'undone already',
      );
      assert.deepEqual(
        await links.undo('T-undo', 'de', { createdBy: 'alice', createdAt: T0 + 100 }, T0 + 400),
        { outcome: 'expired' },
        'a restored link (or one stored without an undo time) cannot be undone',
      );
    });

    it('refuses an undo after its time and once the link changed, and keeps the later link', async () => {
      const { links } = store.repos;
      const link = (customerId: number, createdAt: number) => ({
        ticket: 'T-undo-late',
        market: 'de',
        customerId,
        email: null,
        createdBy: 'alice',
        createdAt,
      });
      await links.upsert(link(1, T0), T0 + 60_000);

      assert.deepEqual(
        await links.undo('T-undo-late', 'de', { createdBy: 'alice', createdAt: T0 }, T0 + 60_001),
        {
          outcome: 'expired',
        },
      );
      await links.upsert(link(2, T0 + 70_000), T0 + 130_000);
      assert.deepEqual(
        await links.undo('T-undo-late', 'de', { createdBy: 'alice', createdAt: T0 }, T0 + 70_001),
        {
          outcome: 'changed',
        },
      );
      assert.deepEqual(await links.undo('T-undo-other', 'de', { createdBy: 'alice', createdAt: T0 }, T0), {
        outcome: 'changed',
      });
      assert.deepEqual(await links.get('T-undo-late', 'de'), link(2, T0 + 70_000));
    });

    it('lets one of two concurrent undos of the same link through', async () => {
      const { links } = store.repos;
      const first = {
        ticket: 'T-undo-race',
        market: 'de',
        customerId: 1,
        email: null,
        createdBy: 'a',
        createdAt: T0,
      };
      await links.upsert(first);
      await links.upsert({ ...first, customerId: 2, createdAt: T0 + 1 }, T0 + 60_000);

      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () =>
          links.undo('T-undo-race', 'de', { createdBy: 'a', createdAt: T0 + 1 }, T0 + 2),
        ),
      );

      assert.equal(outcomes.filter((o) => o.outcome === 'undone').length, 1);
      assert.deepEqual(await links.get('T-undo-race', 'de'), first);
    });

    it('lists error-log entries by correlation id (oldest first) and recent ones (newest first)', async () => {
      const { errorLog } = store.repos;
      const base = { storeKey: 'eu', createdAt: T0 };
      await errorLog.record({
        ...base,
        correlationId: 'corr-0001',
        resource: 'order',
        recordId: '101',
        issues: [{ path: 'total_inc_tax', message: 'not money' }],
      });
      await errorLog.record({
        ...base,
        correlationId: 'corr-0002',
        storeKey: null,
        resource: 'request',
        recordId: null,
        issues: [],
        createdAt: T0 + 1,
      });
      await errorLog.record({
        ...base,
        correlationId: 'corr-0001',
        resource: 'customer',
        recordId: '7',
        issues: {},
        createdAt: T0 + 2,
      });

      const mine = await errorLog.listByCorrelationId('corr-0001');

      assert.deepEqual(
        mine.map((entry) => [entry.resource, entry.recordId]),
        [
          ['order', '101'],
          ['customer', '7'],
        ],
      );
      assert.deepEqual(mine[0]?.issues, [{ path: 'total_inc_tax', message: 'not money' }]);
      assert.deepEqual(
        (await errorLog.listRecent(2)).map((entry) => entry.correlationId),
        ['corr-0001', 'corr-0002'],
      );
      assert.deepEqual(
        (await errorLog.listByCorrelationId('corr-0002', 10, 'eu')).length,
        0,
        'filtered by store',
      );
    });

    it('finds the entries of a shared load under every correlation id that used it', async () => {
      const { errorLog } = store.repos;
      await errorLog.record({
        correlationId: 'first-caller-1',
        storeKey: 'eu',
        resource: 'order',
        recordId: '555',
        issues: [],
        createdAt: T0,
        loadId: 'load-abc',
      });
      await errorLog.addRefs('second-caller-2', ['load-abc'], T0 + 5);
      await errorLog.addRefs('second-caller-2', ['load-abc'], T0 + 6);

      for (const id of ['first-caller-1', 'second-caller-2']) {
        const found = await errorLog.listByCorrelationId(id);
        assert.deepEqual(
          found.map((entry) => [entry.recordId, entry.correlationId, entry.loadId]),
          [['555', 'first-caller-1', 'load-abc']],
          id,
        );
      }
      assert.deepEqual(await errorLog.listByCorrelationId('third-caller-3'), []);
    });

    it('appends ticket events, lists them in order, and applies their retention', async () => {
      const { ticketEvents } = store.repos;
      await ticketEvents.append(
        event({
          ticket: 'T-5',
          orderId: 101,
          type: 'note.queued',
          status: 'queued',
          correlationId: 'c-1',
          at: T0 + 5,
        }),
      );
      await ticketEvents.append(event({ ticket: 'T-5', at: T0 }));
      await ticketEvents.append(event({ ticket: 'T-6', agent: 'bob', at: T0 }));

      assert.deepEqual(
        (await ticketEvents.listByTicket('T-5')).map((e) => [e.type, e.orderId, e.status]),
        [
          ['session.opened', null, 'ok'],
          ['note.queued', 101, 'queued'],
        ],
      );
      // Retention: 90 days by default.
      await ticketEvents.purge(T0 + 91 * 24 * 3_600_000);
      assert.deepEqual(await ticketEvents.listByTicket('T-5'), []);
    });

    it('keeps a note and its accepted event together, once per ticket, agent and key', async () => {
      const { noteOutbox, ticketEvents } = store.repos;
      const note = {
        ref: 'oc-contract00000001',
        idempotencyKey: 'key-contract-1',
        storeKey: 'eu',
        orderId: 101,
        ticket: 'T-note',
        agent: 'alice',
        text: 'Hello.',
        createdAt: T0,
        nextAttemptAt: T0 + 120_000,
        correlationId: 'corr-note-1',
      };
      const accepted = (record: { ref: string }) =>
        event({
          ticket: 'T-note',
          orderId: 101,
          type: 'note.accepted',
          status: 'queued',
          correlationId: record.ref,
        });

      const first = await noteOutbox.insertOrFind(note, accepted);
      const again = await noteOutbox.insertOrFind({ ...note, ref: 'oc-contract00000002' }, accepted);

      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.equal(again.record.ref, 'oc-contract00000001');
      assert.equal((await ticketEvents.listByTicket('T-note')).length, 1);
      assert.equal((await noteOutbox.findByKey('T-note', 'alice', 'key-contract-1'))?.status, 'queued');
    });

    it('leases a due note to one claimant only, and only once the lease ran out', async () => {
      const { noteOutbox } = store.repos;
      const note = {
        ref: 'oc-contract00000003',
        idempotencyKey: 'key-contract-3',
        storeKey: 'eu',
        orderId: 102,
        ticket: 'T-lease',
        agent: 'alice',
        text: 'Leased.',
        createdAt: T0,
        nextAttemptAt: T0 + 1000,
        correlationId: 'corr-note-3',
      };
      await noteOutbox.insertOrFind(note, () => event({ ticket: 'T-lease' }));

      assert.equal(await noteOutbox.claimDue(note.ref, T0 + 999, T0 + 5000), false, 'not due yet');
      const claims = await Promise.all(
        Array.from({ length: 5 }, () => noteOutbox.claimDue(note.ref, T0 + 1000, T0 + 5000)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(await noteOutbox.claimDue(note.ref, T0 + 4999, T0 + 9000), false, 'lease still held');
      assert.equal(await noteOutbox.claimDue(note.ref, T0 + 5000, T0 + 9000), true, 'lease ran out');
    });

    it('moves a note to written or failed once, with its event', async () => {
      const { noteOutbox, ticketEvents } = store.repos;
      const base = {
        storeKey: 'us',
        orderId: 103,
        ticket: 'T-settle',
        agent: 'alice',
        text: 'Settle.',
        createdAt: T0,
        nextAttemptAt: T0,
        correlationId: 'corr-note-4',
      };
      await noteOutbox.insertOrFind(
        { ...base, ref: 'oc-contract00000004', idempotencyKey: 'k-settle-1' },
        () => event({ ticket: 'T-settle', type: 'note.accepted' }),
      );
      await noteOutbox.insertOrFind(
        { ...base, ref: 'oc-contract00000005', idempotencyKey: 'k-settle-2' },
        () => event({ ticket: 'T-settle', type: 'note.accepted' }),
      );
      const written = event({ ticket: 'T-settle', type: 'note.written' });
      const failed = event({ ticket: 'T-settle', type: 'note.failed' });

      assert.equal(await noteOutbox.startAttempt('oc-contract00000004'), true);
      assert.equal(await noteOutbox.markWritten('oc-contract00000004', T0 + 1, written), true);
      assert.equal(await noteOutbox.markWritten('oc-contract00000004', T0 + 2, written), false);
      assert.equal(
        await noteOutbox.markFailed('oc-contract00000005', 'order_not_found', 'gone', failed),
        true,
      );
      assert.equal(
        await noteOutbox.markFailed('oc-contract00000005', 'order_not_found', 'gone', failed),
        false,
      );

      const types = (await ticketEvents.listByTicket('T-settle')).map((e) => e.type);
      assert.deepEqual(types, ['note.accepted', 'note.accepted', 'note.written', 'note.failed']);
      const writtenRow = await noteOutbox.findByRef('oc-contract00000004');
      assert.equal(writtenRow?.status, 'written');
      assert.equal(writtenRow?.attempts, 1);
      assert.equal(writtenRow?.writtenAt, T0 + 1);
      const stats = await noteOutbox.stats('us');
      assert.equal(stats.failed, 1);
      assert.equal(await noteOutbox.requeueFailed(T0 + 10, 'us'), 1);
      assert.equal((await noteOutbox.findByRef('oc-contract00000005'))?.status, 'queued');
    });

    it('lists due notes per store, the next due time and the queue', async () => {
      const { noteOutbox } = store.repos;
      const stats = await noteOutbox.stats();
      assert.ok(stats.queued >= 1);
      assert.ok((await noteOutbox.listDueStores(T0 + 1_000_000)).length >= 1);
      assert.notEqual(await noteOutbox.nextDueAt(), null);
      assert.equal(await noteOutbox.countQueued(), stats.queued);
    });
  });

  describe(`sync repositories on ${engine}`, () => {
    let store: Store;
    before(async () => {
      store = await factory.open();
    });
    after(() => store.close());

    const header = (orderId: number, overrides: Partial<IndexedOrder> = {}): IndexedOrder => ({
      storeKey: 'eu',
      orderId,
      customerId: 7,
      email: 'Ada@Example.com',
      statusId: 11,
      channelId: 1,
      currency: 'EUR',
      total: '10.00',
      itemCount: 1,
      paymentStatus: 'captured',
      dateCreated: T0 + orderId * 1000,
      dateModified: T0 + orderId * 1000,
      summary: { id: orderId },
      billingName: 'Ada Lovelace',
      city: 'London',
      countryIso2: 'GB',
      searchText: '',
      ...overrides,
    });

    it('keeps the newest header of an order, and lists a shopper’s and their guest orders newest first', async () => {
      const { orderIndex } = store.repos;
      await orderIndex.upsertOrders(
        [
          header(1),
          header(2, { customerId: 0 }),
          header(3, { statusId: 0 }),
          header(4, { channelId: 2 }),
          header(5, { customerId: 9, email: 'other@example.com' }),
        ],
        T0,
      );
      await orderIndex.upsertOrders([header(1, { statusId: 2, dateModified: T0 + 50_000 })], T0);
      await orderIndex.upsertOrders([header(1, { statusId: 5, dateModified: T0 + 1_000 })], T0);

      assert.equal((await orderIndex.getOrder('eu', 1))?.statusId, 2, 'an older header never overwrites');
      assert.equal((await orderIndex.getOrder('eu', 1))?.email, 'ada@example.com');
      const query = {
        storeKey: 'eu',
        customerId: 7,
        guestEmail: 'ADA@example.com',
        channels: [1],
        excludeStatuses: [0],
        createdFrom: T0,
      };
      const listed = await orderIndex.listShopperOrders({ ...query, limit: 10, offset: 0 });
      assert.deepEqual(
        listed.map((order) => order.orderId),
        [2, 1],
      );
      assert.deepEqual(listed[0]?.summary, { id: 2 });
      assert.equal(await orderIndex.countShopperOrders(query), 2);
      assert.equal(await orderIndex.countShopperOrders({ ...query, channels: null }), 3);
      assert.equal(await orderIndex.countOrders('eu'), 5);
      assert.equal(await orderIndex.pruneOrders('eu', T0 + 2_500), 2);
      assert.equal(await orderIndex.countOrders('eu'), 3);
    });

    it('filters a shopper’s orders by order id, status and a creation range, counting the same way', async () => {
      const { orderIndex } = store.repos;
      const shopper = { customerId: 70, email: 'filter@example.com' };
      await orderIndex.upsertOrders(
        [
          header(101, { ...shopper, statusId: 4 }),
          header(102, { ...shopper, statusId: 10 }),
          header(103, { ...shopper, statusId: 4 }),
          header(104, { ...shopper, statusId: 4, customerId: 71 }),
        ],
        T0,
      );
      const query = {
        storeKey: 'eu',
        customerId: 70,
        guestEmail: null,
        channels: null,
        excludeStatuses: [0],
        createdFrom: T0,
      };
      const ids = async (filter: object) =>
        (await orderIndex.listShopperOrders({ ...query, ...filter, limit: 10, offset: 0 })).map(
          (o) => o.orderId,
        );

      assert.deepEqual(await ids({ statusId: 4 }), [103, 101]);
      assert.deepEqual(await ids({ orderId: 102 }), [102]);
      assert.deepEqual(await ids({ orderId: 104 }), [], 'another shopper’s order');
      assert.deepEqual(await ids({ createdFrom: T0 + 102_000, createdTo: T0 + 102_000 }), [102]);
      assert.deepEqual(await ids({ statusId: 4, createdTo: T0 + 102_000 }), [101]);
      assert.equal(await orderIndex.countShopperOrders({ ...query, statusId: 4 }), 2);
      assert.equal(await orderIndex.countShopperOrders({ ...query, statusId: null, orderId: null }), 3);
    });

    const customer = (customerId: number, email: string, searchText = ''): IndexedCustomer => ({
      storeKey: 'eu',
      customerId,
      email,
      dateModified: T0,
      record: { id: customerId },
      searchText,
    });

    it('indexes customers by id and email', async () => {
      const { orderIndex } = store.repos;
      await orderIndex.upsertCustomers(
        [
          { ...customer(7, 'Ada@Example.com'), record: { id: 7 } },
          { ...customer(8, 'ada@example.com'), record: { id: 8 } },
          { ...customer(7, 'zed@example.com'), storeKey: 'us', record: { id: 7 } },
        ],
        T0,
      );

      assert.deepEqual((await orderIndex.getCustomer('eu', 7))?.record, { id: 7 });
      assert.deepEqual(
        (await orderIndex.findCustomersByEmail('eu', ' ADA@example.com ')).map((c) => c.customerId),
        [7, 8],
      );
      assert.equal(await orderIndex.countCustomers('us'), 1);
    });

    it('finds customers whose search text has every term, as one of its spellings, literally', async () => {
      const { orderIndex } = store.repos;
      await orderIndex.upsertCustomers(
        [
          customer(20, 'lukas@example.com', 'lukas ozturk\nlukas oeztuerk\nlukas@example.com'),
          customer(21, 'emma@example.org', 'emma ozturk\nemma@example.org'),
          customer(22, 'j_r@example.net', 'jan roth\nj_r@example.net'),
          customer(23, 'jxr@example.net', 'jo rau\njxr@example.net'),
        ],
        T0,
      );
      const ids = async (terms: string[][], limit = 10) =>
        (await orderIndex.searchCustomers('eu', terms, limit)).map((c) => c.customerId);

      assert.deepEqual(await ids([['ozturk']]), [20, 21]);
      assert.deepEqual(await ids([['ozturk'], ['lukas']]), [20], 'every term, in any order');
      assert.deepEqual(await ids([['nobody', 'oeztuerk']]), [20], 'any spelling of a term');
      assert.deepEqual(await ids([['example.org']]), [21]);
      assert.deepEqual(await ids([['j_r']]), [22], 'an underscore is no wildcard');
      assert.deepEqual(await ids([['%']]), [], 'nor is a percent sign');
      assert.deepEqual(await ids([['ozturk']], 1), [20]);
      assert.deepEqual(await ids([]), []);
      assert.deepEqual(
        (await orderIndex.searchCustomers('us', [['ozturk']], 10)).map((c) => c.customerId),
        [],
        'another store’s customers are not found',
      );
    });

    it('finds guest emails by their orders’ search text, most recent first, and lists owners’ order facts', async () => {
      const { orderIndex } = store.repos;
      const guest = (orderId: number, email: string, overrides: Partial<IndexedOrder> = {}) =>
        header(orderId, { customerId: 0, email, searchText: `chloe moreau\n${email}`, ...overrides });
      await orderIndex.upsertOrders(
        [
          guest(201, 'chloe@example.de', { city: 'Lyon', countryIso2: 'FR' }),
          guest(202, 'chloe@example.de', { city: 'Paris', countryIso2: 'FR' }),
          guest(203, 'c.moreau@example.fr'),
          guest(204, 'old@example.fr', { dateCreated: T0 - 1 }),
          guest(205, 'incomplete@example.fr', { statusId: 0 }),
          guest(206, 'other-channel@example.fr', { channelId: 2 }),
          header(207, { customerId: 30, email: 'chloe@example.de', searchText: '' }),
          header(208, { customerId: 31, searchText: 'chloe moreau' }),
        ],
        T0,
      );
      const market = { storeKey: 'eu', channels: [1], excludeStatuses: [0], createdFrom: T0 };

      assert.deepEqual(
        await orderIndex.searchGuestEmails({ ...market, terms: [['moreau'], ['chloe']], limit: 10 }),
        ['c.moreau@example.fr', 'chloe@example.de'],
        'guest orders only, in the window, channels and statuses; newest last order first',
      );
      assert.deepEqual(await orderIndex.searchGuestEmails({ ...market, terms: [['moreau']], limit: 1 }), [
        'c.moreau@example.fr',
      ]);
      const facts = await orderIndex.listOrderFacts({
        ...market,
        customerIds: [30],
        guestEmails: ['CHLOE@example.de'],
      });
      assert.deepEqual(
        facts.map((fact) => [fact.orderId, fact.customerId, fact.email, fact.city]),
        [
          [207, 30, 'chloe@example.de', 'London'],
          [202, 0, 'chloe@example.de', 'Paris'],
          [201, 0, 'chloe@example.de', 'Lyon'],
        ],
      );
      assert.deepEqual(facts[1], {
        orderId: 202,
        customerId: 0,
        email: 'chloe@example.de',
        dateCreated: T0 + 202_000,
        billingName: 'Ada Lovelace',
        city: 'Paris',
        countryIso2: 'FR',
      });
      assert.deepEqual(await orderIndex.listOrderFacts({ ...market, customerIds: [], guestEmails: [] }), []);
    });

    it('moves a checkpoint only forward, and keeps it when a run fails', async () => {
      const { syncState } = store.repos;
      assert.equal((await syncState.get('eu', 'orders')).checkpoint, null);

      await syncState.recordSuccess({ storeKey: 'eu', stream: 'orders', checkpoint: T0 + 10, at: T0 + 20 });
      await syncState.recordSuccess({ storeKey: 'eu', stream: 'orders', checkpoint: T0 + 5, at: T0 + 30 });
      await syncState.recordFailure('eu', 'orders', T0 + 40, 'BigCommerce was down');

      const state = await syncState.get('eu', 'orders');
      assert.equal(state.checkpoint, T0 + 10);
      assert.equal(state.lastSuccessAt, T0 + 30);
      assert.equal(state.lastRunAt, T0 + 40);
      assert.equal(state.lastError, 'BigCommerce was down');
      assert.equal(state.backfillDone, true);
    });

    it('stores a webhook delivery once per body, and leases it to one worker', async () => {
      const { webhookDeliveries } = store.repos;
      const delivery = {
        storeKey: 'eu',
        bodyHash: 'a'.repeat(64),
        scope: 'store/order/updated',
        resourceId: 101,
        orderId: 101,
        customerId: null,
        receivedAt: T0,
      };

      assert.equal(await webhookDeliveries.insertIfNew(delivery), true);
      assert.equal(await webhookDeliveries.insertIfNew({ ...delivery, receivedAt: T0 + 5 }), false);
      const claims = await Promise.all([
        webhookDeliveries.claimDue(T0, T0 + 60_000, 10),
        webhookDeliveries.claimDue(T0, T0 + 60_000, 10),
      ]);
      assert.equal(claims.flat().length, 1);
      const [claimed] = claims.flat();
      assert.equal(claimed?.attempts, 1);
      assert.equal((await webhookDeliveries.stats('eu', T0)).pending, 1);
      await webhookDeliveries.markDone([claimed.id], T0 + 10);
      const stats = await webhookDeliveries.stats('eu', T0);
      assert.equal(stats.pending, 0);
      assert.equal(stats.lastReceivedAt, T0);
      assert.equal(stats.receivedSince, 1);
      assert.equal(await webhookDeliveries.purge(T0 + 1), 1);
      assert.equal(
        await webhookDeliveries.insertIfNew(delivery),
        true,
        'after the duplicate window it is new',
      );
    });

    it('appends order changes in one increasing sequence, and reads them after a seq, from a time, per order', async () => {
      const { orderChanges } = store.repos;
      const change = {
        storeKey: 'eu',
        orderId: 101,
        kind: 'order.status_changed' as const,
        source: 'webhook' as const,
        customerId: 7,
        email: 'Ada@example.com',
        statusId: 2,
        previousStatusId: 11,
        detail: { summary: { id: 101 } },
        at: T0,
      };
      const first = await orderChanges.append(change);
      const second = await orderChanges.append({ ...change, orderId: 102, at: T0 + 1000 });
      const third = await orderChanges.append({ ...change, at: T0 + 2000, kind: 'shipment.created' });

      assert.ok(first < second && second < third);
      assert.deepEqual(
        (await orderChanges.listAfter(first, 10)).map((c) => c.seq),
        [second, third],
      );
      assert.equal((await orderChanges.listAfter(0, 10))[0]?.email, 'ada@example.com');
      assert.deepEqual((await orderChanges.listAfter(0, 10))[0]?.detail, { summary: { id: 101 } });
      assert.deepEqual(
        (await orderChanges.listForOrder('eu', 101, 10)).map((c) => c.kind),
        ['shipment.created', 'order.status_changed'],
      );
      assert.equal(await orderChanges.headSeq(), third);
      assert.equal(await orderChanges.firstSeqAt(T0 + 500), second);
      assert.equal(await orderChanges.purge(T0 + 1500), 2);
      assert.equal(await orderChanges.tailSeq(), third);
    });

    it('gives a summary each order of a shopper’s window: status, currency, total and creation date', async () => {
      const { orderIndex } = store.repos;
      await orderIndex.upsertOrders(
        [
          header(11, { storeKey: 'sum', total: '12.50' }),
          header(12, { storeKey: 'sum', currency: 'GBP', total: '3.25', statusId: 5 }),
          header(13, { storeKey: 'sum', statusId: 0 }),
          header(14, { storeKey: 'sum', customerId: 9 }),
          header(1, { storeKey: 'sum' }),
        ],
        T0,
      );

      const totals = await orderIndex.listShopperTotals({
        storeKey: 'sum',
        customerId: 7,
        guestEmail: null,
        channels: null,
        excludeStatuses: [0],
        createdFrom: T0 + 5_000,
      });

      assert.deepEqual(
        totals.sort((a, b) => a.dateCreated - b.dateCreated),
        [
          { statusId: 11, currency: 'EUR', total: '12.50', dateCreated: T0 + 11_000 },
          { statusId: 5, currency: 'GBP', total: '3.25', dateCreated: T0 + 12_000 },
        ],
      );
    });

    it('lists a shopper’s orders changed since a time, each once, most recently changed first', async () => {
      const { orderChanges } = store.repos;
      const base = {
        storeKey: 'chg',
        kind: 'order.updated' as const,
        source: 'webhook' as const,
        customerId: 7,
        email: 'ada@example.com',
        statusId: 2,
        previousStatusId: null,
        detail: null,
      };
      await orderChanges.append({ ...base, orderId: 201, at: T0 });
      await orderChanges.append({ ...base, orderId: 202, at: T0 + 10 });
      await orderChanges.append({
        ...base,
        orderId: 203,
        customerId: 0,
        email: 'Guest@Example.com',
        at: T0 + 20,
      });
      await orderChanges.append({
        ...base,
        orderId: 204,
        customerId: 9,
        email: 'x@example.com',
        at: T0 + 30,
      });
      await orderChanges.append({ ...base, orderId: 202, at: T0 + 40 });
      await orderChanges.append({ ...base, storeKey: 'other', orderId: 205, at: T0 + 50 });

      const ids = await orderChanges.listChangedOrderIds({
        storeKey: 'chg',
        customerId: 7,
        guestEmail: 'GUEST@example.com',
        since: T0 + 5,
        limit: 10,
      });

      assert.deepEqual(ids, [202, 203]);
      assert.deepEqual(
        await orderChanges.listChangedOrderIds({
          storeKey: 'chg',
          customerId: null,
          guestEmail: null,
          since: 0,
          limit: 10,
        }),
        [],
      );
    });

    it('remembers our own writes by date_modified', async () => {
      const { ownWrites } = store.repos;
      await ownWrites.remember('eu', 101, T0 + 7000, T0);
      await ownWrites.remember('eu', 101, T0 + 7000, T0);

      assert.equal(await ownWrites.isOwn('eu', 101, T0 + 7000), true);
      assert.equal(await ownWrites.isOwn('eu', 101, T0 + 8000), false);
      assert.equal(await ownWrites.purge(T0 + 1), 1);
      assert.equal(await ownWrites.isOwn('eu', 101, T0 + 7000), false);
    });
  });

  describe(`status repositories on ${engine}`, () => {
    let store: Store;
    before(async () => {
      store = await factory.open();
    });
    after(() => store.close());

    const newChange = (ref: string, key: string) => ({
      ref,
      ticket: 'T-9',
      agent: 'alice',
      idempotencyKey: key,
      storeKey: 'eu',
      market: 'de',
      orderId: 101,
      expectedStatusId: 11,
      statusId: 5,
      reason: 'Shopper cancelled by phone',
      createdAt: T0,
      correlationId: 'corr-status-1',
    });

    it('keeps one status change per ticket, agent and key, and moves it pending → landed → done once', async () => {
      const { statusChanges, ticketEvents, orderChanges } = store.repos;
      const first = await statusChanges.insertOrFind(newChange('sc-1', 'key-status-1'));
      const again = await statusChanges.insertOrFind(newChange('sc-2', 'key-status-1'));
      await statusChanges.markPutSent('sc-1', T0 + 1);
      const landed = await statusChanges.markLanded('sc-1', { status: 5 }, T0 + 2);
      const refusedLate = await statusChanges.markRefused('sc-1', { code: 'order_changed' }, T0 + 3);
      const audit = {
        event: event({ ticket: 'T-9', orderId: 101, type: 'status.changed', status: 'changed', at: T0 + 4 }),
        change: {
          storeKey: 'eu',
          orderId: 101,
          kind: 'order.status_changed' as const,
          source: 'status' as const,
          customerId: 7,
          email: 'ada@example.com',
          statusId: 5,
          previousStatusId: 11,
          detail: null,
          at: T0 + 4,
        },
      };
      const completed = [
        await statusChanges.complete('sc-1', T0 + 4, audit),
        await statusChanges.complete('sc-1', T0 + 5, audit),
      ];

      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.equal(again.record.ref, 'sc-1');
      assert.equal(landed, true);
      assert.equal(refusedLate, false);
      assert.deepEqual(completed, [true, false]);
      const stored = await statusChanges.findByKey('T-9', 'alice', 'key-status-1');
      assert.equal(stored?.state, 'done');
      assert.equal(stored?.putAt, T0 + 1);
      assert.deepEqual(stored?.answer, { status: 5 });
      assert.equal((await ticketEvents.listByTicket('T-9')).length, 1);
      assert.deepEqual(
        (await orderChanges.listForOrder('eu', 101, 10)).map((change) => change.source),
        ['status'],
      );
    });

    it('keeps a refusal, lists changes stuck after landing, and purges finished ones', async () => {
      const { statusChanges } = store.repos;
      await statusChanges.insertOrFind(newChange('sc-3', 'key-status-3'));
      await statusChanges.insertOrFind(newChange('sc-4', 'key-status-4'));
      await statusChanges.markRefused('sc-3', { code: 'order_changed' }, T0 + 10);
      await statusChanges.markLanded('sc-4', { status: 5 }, T0 + 10);

      assert.equal((await statusChanges.findByRef('sc-3'))?.state, 'refused');
      assert.deepEqual(
        (await statusChanges.listLandedBefore(T0 + 11, 10)).map((change) => change.ref),
        ['sc-4'],
      );
      assert.equal((await statusChanges.listLandedBefore(T0 + 10, 10)).length, 0);
      // sc-1 (done) and sc-3 (refused) go; sc-4 is still landed and stays.
      assert.equal(await statusChanges.purge(T0 + 100), 2);
      assert.equal((await statusChanges.findByRef('sc-4'))?.state, 'landed');
    });

    it("lists the orders a ticket's events name, once each, in the order first named", async () => {
      const { ticketEvents } = store.repos;
      for (const [orderId, type] of [
        [303, 'note.accepted'],
        [301, 'link.set'],
        [303, 'note.written'],
        [302, 'session.opened'],
      ] as const) {
        await ticketEvents.append(event({ ticket: 'T-orders', orderId, type, at: T0 + orderId }));
      }

      assert.deepEqual(
        await ticketEvents.listOrderIds('T-orders', ['note.accepted', 'note.written', 'link.set']),
        [303, 301],
      );
      assert.deepEqual(await ticketEvents.listOrderIds('T-orders', []), []);
    });

    it('leaves out an order whose link was undone, unless it is named again later', async () => {
      const { ticketEvents } = store.repos;
      for (const [orderId, type, at] of [
        [401, 'link.set', T0],
        [402, 'link.set', T0 + 1],
        [401, 'link.undo', T0 + 2],
        [402, 'link.undo', T0 + 3],
        [402, 'note.accepted', T0 + 4],
        [403, 'link.undo', T0 + 5],
      ] as const) {
        await ticketEvents.append(event({ ticket: 'T-untie', orderId, type, at }));
      }

      assert.deepEqual(
        await ticketEvents.listOrderIds('T-untie', ['link.set', 'note.accepted'], ['link.undo']),
        [402],
      );
      assert.deepEqual(await ticketEvents.listOrderIds('T-untie', ['link.set', 'note.accepted']), [401, 402]);
      assert.equal(
        (await ticketEvents.find('T-untie', { type: 'link.set', agent: 'alice', at: T0 + 1 }))?.orderId,
        402,
      );
      assert.equal(await ticketEvents.find('T-untie', { type: 'link.set', agent: 'bob', at: T0 + 1 }), null);
    });
  });
  describeNovomindRepoContract(engine, factory);

  describe(`error-log retention on ${engine}`, () => {
    it('keeps the error log within its age and size bounds', async () => {
      const store = await factory.open({ errorLog: { maxAgeMs: 1000, maxRows: 3 } });
      const { errorLog } = store.repos;
      for (let i = 0; i < 5; i += 1) {
        await errorLog.record({
          correlationId: `bound-${i}xxxx`,
          storeKey: null,
          resource: 'request',
          recordId: null,
          issues: [],
          createdAt: T0 + i * 100,
        });
      }

      await errorLog.purge(T0 + 400);
      assert.equal((await errorLog.listRecent(10)).length, 3);

      await errorLog.purge(T0 + 1350);
      assert.deepEqual(
        (await errorLog.listRecent(10)).map((entry) => entry.correlationId),
        ['bound-4xxxx'],
      );
      await store.close();
    });
  });
}
