// The novomind room's part of the repository contract (called from repo-contract.ts for every engine).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NewNovomindChange, Store, TicketRegistration } from '../../../bff/src/store/index.js';
import type { StoreFactory } from './repo-contract.js';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY = 24 * 3_600_000;

function registration(ticket: string, overrides: Partial<TicketRegistration> = {}): TicketRegistration {
  return {
    ticket,
    market: 'de',
    storeKey: 'eu',
    email: 'ada@example.com',
    customer: null,
    locale: 'de',
    channel: null,
    orderId: null,
    status: 'open',
    client: 'iagent',
    at: T0,
    afterSeq: 0,
    ...overrides,
  };
}

function row(
  orderSeq: number,
  ticket: string,
  overrides: Partial<NewNovomindChange> = {},
): NewNovomindChange {
  return {
    orderSeq,
    ticket,
    market: 'de',
    storeKey: 'eu',
    kind: 'order.status_changed',
    orderId: 100 + orderSeq,
    fields: { status: 'Versandt' },
    previous: { statusId: 11 },
    at: T0 + orderSeq * 1000,
    ...overrides,
  };
}

export function describeNovomindRepoContract(engine: string, factory: StoreFactory): void {
  describe(`novomind repositories on ${engine}`, () => {
    let store: Store;
    before(async () => {
      store = await factory.open();
    });
    after(() => store.close());

    it('registers a ticket once, keeps its start, forgets its shopper when its identity changes', async () => {
      const tickets = store.repos.novomindTickets;
      const first = await tickets.register(registration('NT-1', { afterSeq: 5 }));
      await tickets.recordMatch('NT-1', { customerId: 7, email: 'Ada@Example.com' }, T0 + 1);
      const same = await tickets.register(registration('NT-1', { afterSeq: 9, at: T0 + 2 }));
      const moved = await tickets.register(registration('NT-1', { email: 'bob@example.com', at: T0 + 3 }));

      assert.equal(first.created, true);
      assert.equal(same.created, false);
      assert.equal(same.ticket.afterSeq, 5);
      assert.deepEqual(same.ticket.shopper, { customerId: 7, email: 'ada@example.com' });
      assert.deepEqual(moved.ticket.shopper, { customerId: null, email: null });
      assert.equal(moved.ticket.matchedAt, null);
      assert.equal(moved.ticket.createdAt, T0);
    });

    it('finds tickets by the owner of an order: the customer, or the guest orders of an email', async () => {
      const tickets = store.repos.novomindTickets;
      await tickets.register(registration('NT-2'));
      await tickets.recordMatch('NT-2', { customerId: 8, email: 'eve@example.com' }, T0);
      await tickets.register(registration('NT-3'));
      await tickets.recordMatch('NT-3', { customerId: null, email: 'guest@example.com' }, T0);

      const byCustomer = await tickets.listByOwner('eu', { customerId: 8, email: 'x@example.com' });
      const byGuest = await tickets.listByOwner('eu', { customerId: 0, email: 'GUEST@example.com' });
      const otherStore = await tickets.listByOwner('us', { customerId: 8, email: '' });

      assert.deepEqual(
        byCustomer.map((t) => t.ticket),
        ['NT-2'],
      );
      assert.deepEqual(
        byGuest.map((t) => t.ticket),
        ['NT-3'],
      );
      assert.deepEqual(otherStore, []);
    });

    it('closes once (the first closing time stays), reopens, and purges long-closed tickets', async () => {
      const tickets = store.repos.novomindTickets;
      await tickets.register(registration('NT-4'));
      assert.equal(await tickets.setStatus('NT-4', 'closed', T0 + 10), true);
      await tickets.setStatus('NT-4', 'closed', T0 + 20);
      assert.equal((await tickets.get('NT-4'))?.closedAt, T0 + 10);
      await tickets.setStatus('NT-4', 'open', T0 + 30);
      assert.equal((await tickets.get('NT-4'))?.closedAt, null);
      assert.equal(await tickets.setStatus('NT-unknown', 'closed', T0), false);

      await tickets.setStatus('NT-4', 'closed', T0 + 40);
      assert.equal(await tickets.purgeClosed(T0 + 41), 1);
      assert.equal(await tickets.get('NT-4'), null);
    });

    it('lists tickets never matched, and tickets linked to someone after their match', async () => {
      const tickets = store.repos.novomindTickets;
      await tickets.register(registration('NT-5'));
      await tickets.register(registration('NT-6'));
      await tickets.recordMatch('NT-6', { customerId: 1, email: null }, T0 + 5);
      await store.repos.links.upsert({
        ticket: 'NT-6',
        market: 'de',
        customerId: 2,
        email: null,
        createdBy: 'alice',
        createdAt: T0 + 6,
      });

      assert.ok((await tickets.listUnmatched(50)).some((t) => t.ticket === 'NT-5'));
      const relinked = await tickets.listRelinked(10);
      assert.deepEqual(
        relinked.map((t) => [t.ticket, t.link.customerId]),
        [['NT-6', 2]],
      );
    });

    it('stores an event once per id and lists a ticket’s events oldest first', async () => {
      const events = store.repos.novomindEvents;
      const event = (id: string, at: number) => ({
        id,
        ticket: 'NT-7',
        type: 'note.added',
        agent: 'bob',
        at,
        payload: { id, text: 'x' },
        client: 'iagent',
        correlationId: 'corr-1234',
        receivedAt: at,
      });
      assert.equal(await events.insert(event('e-2', T0 + 2)), true);
      assert.equal(await events.insert(event('e-1', T0 + 1)), true);
      assert.equal(await events.insert(event('e-1', T0 + 3)), false);

      assert.deepEqual([...(await events.findKnown(['e-1', 'e-9']))], ['e-1']);
      assert.deepEqual(
        (await events.listByTicket('NT-7', 10)).map((e) => e.id),
        ['e-1', 'e-2'],
      );
      assert.deepEqual((await events.listByTicket('NT-7', 10))[0]?.payload, { id: 'e-1', text: 'x' });
      assert.equal(await events.purge(T0 + 2), 1);
    });

    it('commits the fan-out once per position, pages the feed, and purges by seq with a watermark', async () => {
      const changes = store.repos.novomindChanges;
      assert.equal(await changes.fanoutPosition(), 0);
      assert.equal(
        await changes.commitFanout(0, 3, [row(1, 'A'), row(1, 'B'), row(3, 'A', { market: 'us' })]),
        true,
      );
      assert.equal(await changes.commitFanout(0, 3, [row(1, 'A')]), false);
      assert.equal(await changes.fanoutPosition(), 3);

      const all = await changes.listAfter(0, 10);
      assert.deepEqual(
        all.map((c) => [c.orderSeq, c.ticket]),
        [
          [1, 'A'],
          [1, 'B'],
          [3, 'A'],
        ],
      );
      assert.deepEqual(all[0]?.fields, { status: 'Versandt' });
      assert.deepEqual(
        (await changes.listAfter(0, 10, 'us')).map((c) => c.orderSeq),
        [3],
      );
      assert.deepEqual(await changes.backlog('de', 0), { count: 2, oldestAt: T0 + 1000 });
      const head = await changes.headSeq();
      assert.equal(await changes.positionAt(T0 + 2000), all[1]!.seq);

      assert.equal(await changes.purge(T0 + 2000), 2);
      assert.equal(await changes.purgedSeq(), all[1]!.seq);
      assert.equal(await changes.purge(T0 + 10 * DAY), 1);
      assert.equal(await changes.headSeq(), head);
      assert.equal(await changes.positionAt(T0), head);
    });

    it('keeps a market’s push position, lease, batch and send times', async () => {
      const push = store.repos.novomindPush;
      const state = await push.ensure('de', 4, T0);
      assert.equal(state.deliveredSeq, 4);
      assert.equal((await push.ensure('de', 99, T0)).deliveredSeq, 4);

      assert.equal(await push.claim('de', T0, T0 + 1000), true);
      assert.equal(await push.claim('de', T0 + 1, T0 + 2000), false);
      await push.startBatch('de', { id: 'b-1', lastSeq: 9 }, [T0, T0 + 1]);
      await push.scheduleRetry('de', T0 + 5000, '503 from novomind');
      await push.release('de');
      const failed = await push.get('de');
      assert.deepEqual(failed?.batch, { id: 'b-1', lastSeq: 9 });
      assert.deepEqual(
        [failed?.attempts, failed?.nextAttemptAt, failed?.recentSends],
        [1, T0 + 5000, [T0, T0 + 1]],
      );
      assert.equal(await push.claim('de', T0 + 2, T0 + 3000), true);

      await push.markDelivered('de', 9, T0 + 6000);
      const delivered = await push.get('de');
      assert.deepEqual(
        [delivered?.deliveredSeq, delivered?.batch, delivered?.attempts, delivered?.lastError],
        [9, null, 0, null],
      );
    });
  });
}
