// DESIGN §10: GET /s2s/v1/changes — one change per registered ticket whose shopper's order changed, with the
// template fields after the change and `previous`; an opaque cursor that resumes without repeats across a
// restart; a start now, or at `since`; 400 for a malformed cursor, 410 for one older than the retention.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ErrorBody } from '../../../shared/errors.js';
import { ChangesPage, type TicketContext } from '../../../shared/s2s.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { storeBackends } from '../support/postgres.js';
import { nextTicket, startNovomindHarness, type NovomindHarness } from './novomind-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const DAY = 24 * 3_600_000;

for (const { backend, label, skip } of await storeBackends('the novomind changes feed')) {
  describe(`the changes feed (${label})`, { skip }, () => {
    let h: NovomindHarness;
    before(async () => {
      h = await startNovomindHarness({ backend });
    });
    after(() => h.close());

    async function page(query: string, token?: string): Promise<ChangesPage> {
      const reply = await h.s2s<ChangesPage>('GET', `/s2s/v1/changes${query}`, undefined, token);
      assert.equal(reply.status, 200, reply.text);
      return z.parse(ChangesPage, reply.body);
    }

    async function register(body: Record<string, unknown>): Promise<TicketContext & { ticket: string }> {
      const ticket = nextTicket();
      const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, body);
      assert.equal(reply.status, 200, reply.text);
      return reply.body;
    }

    /** A status change of one of the shopper's orders, as the sync room records it. */
    async function statusChange(
      order: TicketContext['orders'][number],
      customerId: number,
      email: string,
      to: number,
    ) {
      return h.appendChange({
        orderId: order.id,
        customerId,
        email,
        kind: 'order.status_changed',
        statusId: to,
        previousStatusId: order.status.id,
        detail: { summary: { ...order, status: { id: to, label: 'Versandt', family: 'shipped' } } },
      });
    }

    it('starts now without a cursor, then carries a change for the registered ticket with fields and previous, once', async () => {
      const start = await page('');
      assert.deepEqual(start.changes, []);
      assert.equal(start.endOfStream, true);
      const context = await register({ email: eu.registered.email, market: 'de' });
      const order = context.orders[0]!;

      await statusChange(order, eu.registered.customerId, eu.registered.email, 2);
      const first = await page(`?cursor=${start.nextCursor}`);
      const again = await page(`?cursor=${first.nextCursor}`);

      assert.equal(first.changes.length, 1);
      const change = first.changes[0]!;
      assert.equal(change.ticket, context.ticket);
      assert.equal(change.market, 'de');
      assert.equal(change.kind, 'order.status_changed');
      assert.equal(change.orderId, order.id);
      assert.equal(change.fields.status, 'Versandt');
      assert.equal(change.fields.orderNumber, String(order.id));
      assert.deepEqual(change.previous, { statusId: order.status.id, status: order.status.label });
      assert.deepEqual(again.changes, []);
      assert.equal(again.endOfStream, true);
    });

    it('leaves out other shoppers, other channels, and changes from before the ticket was registered', async () => {
      const start = await page('');
      const before = await h.appendChange({
        orderId: 1,
        customerId: eu.manyOrders.customerId,
        email: eu.manyOrders.email,
      });
      assert.ok(before > 0);
      const context = await register({ email: eu.manyOrders.email, market: 'de' });
      const order = context.orders[0]!;
      await h.appendChange({ orderId: 77, customerId: eu.noOrders.customerId, email: eu.noOrders.email });
      await h.appendChange({
        orderId: order.id,
        customerId: eu.manyOrders.customerId,
        email: eu.manyOrders.email,
        detail: { summary: { ...order, channelId: 2 } },
      });
      await statusChange(order, eu.manyOrders.customerId, eu.manyOrders.email, 10);

      const read = await page(`?cursor=${start.nextCursor}`);

      assert.deepEqual(
        read.changes.map((change) => [change.ticket, change.orderId]),
        [[context.ticket, order.id]],
      );
    });

    it('matches guest orders by email and gives each ticket of one shopper its own change', async () => {
      const start = await page('');
      const one = await register({ email: eu.guest.email, market: 'de' });
      const two = await register({ email: eu.guest.email.toUpperCase(), market: 'de' });
      const order = one.orders[0]!;
      await statusChange(order, 0, eu.guest.email, 5);

      const read = await page(`?cursor=${start.nextCursor}`);

      assert.deepEqual(read.changes.map((change) => change.ticket).sort(), [one.ticket, two.ticket].sort());
      assert.equal(new Set(read.changes.map((change) => change.id)).size, 2);
    });

    it('pages with limit and resumes without repeats across a restart', async () => {
      const start = await page('');
      const context = await register({ email: eu.plusAddressed.email, market: 'de' });
      const order = context.orders[0]!;
      for (const status of [9, 2, 10])
        await statusChange(order, eu.plusAddressed.customerId, eu.plusAddressed.email, status);

      const first = await page(`?cursor=${start.nextCursor}&limit=2`);
      await h.restart();
      const rest = await page(`?cursor=${first.nextCursor}&limit=2`);

      assert.equal(first.changes.length, 2);
      assert.equal(first.endOfStream, false);
      assert.equal(rest.changes.length, 1);
      assert.equal(rest.endOfStream, true);
      const seqs = [...first.changes, ...rest.changes].map((change) => change.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
      );
      assert.equal(new Set(seqs).size, 3);
    });

    it('starts at ?since= and refuses a malformed cursor (400) and a since beyond the retention (410)', async () => {
      const context = await register({ email: eu.registeredWithGuestOrders.email, market: 'de' });
      h.clock.now += 60_000;
      const since = new Date(h.clock.now).toISOString();
      await statusChange(
        context.orders[0]!,
        eu.registeredWithGuestOrders.customerId,
        eu.registeredWithGuestOrders.email,
        11,
      );

      const read = await page(`?since=${since}`);
      assert.ok(read.changes.some((change) => change.ticket === context.ticket));
      assert.ok(read.changes.every((change) => Date.parse(change.at) >= Date.parse(since)));

      for (const cursor of [
        'not-a-cursor!',
        'eyJ2IjoyfQ',
        Buffer.from('{"v":1,"s":-1}').toString('base64url'),
      ]) {
        const reply = await h.s2s('GET', `/s2s/v1/changes?cursor=${cursor}`);
        assert.equal(reply.status, 400, cursor);
        assert.equal(ErrorBody.parse(reply.body).error.code, 'invalid_cursor');
      }
      const old = await h.s2s(
        'GET',
        `/s2s/v1/changes?since=${new Date(h.clock.now - 15 * DAY).toISOString()}`,
      );
      assert.equal(old.status, 410);
      assert.equal(ErrorBody.parse(old.body).error.code, 'cursor_expired');
      const limit = await h.s2s('GET', '/s2s/v1/changes?limit=501');
      assert.equal(limit.status, 400);
    });

    it('shows a market-limited client only its market’s changes', async () => {
      const usOnly = await h.token(undefined, { market: 'us' });
      const start = await page('', usOnly);
      const context = await register({ email: eu.registered.email, market: 'de' });
      await statusChange(context.orders[0]!, eu.registered.customerId, eu.registered.email, 2);

      assert.deepEqual((await page(`?cursor=${start.nextCursor}`, usOnly)).changes, []);
    });

    it('gives a closed ticket changes for 7 days after closing, then none', async () => {
      const context = await register({ email: eu.noOrders.email, market: 'de' });
      const start = await page('');
      h.clock.now += 1_000;
      await h.s2s('PUT', `/s2s/v1/tickets/${context.ticket}`, { status: 'closed' });
      const order = { ...(await register({ email: eu.registered.email })).orders[0]! };
      const owner = { orderId: order.id, customerId: eu.noOrders.customerId, email: eu.noOrders.email };

      h.clock.now += 6 * DAY;
      await h.appendChange({ ...owner, detail: { summary: order } });
      h.clock.now += 2 * DAY;
      await h.appendChange({ ...owner, detail: { summary: order } });

      const read = await page(`?cursor=${start.nextCursor}`);
      assert.equal(read.changes.filter((change) => change.ticket === context.ticket).length, 1);
    });

    it('answers 410 cursor_expired for a cursor whose next changes were purged (older than 14 days)', async () => {
      const start = await page('');
      const context = await register({ email: eu.registered.email, market: 'de' });
      await statusChange(context.orders[0]!, eu.registered.customerId, eu.registered.email, 2);
      await page(`?cursor=${start.nextCursor}`);

      h.clock.now += 15 * DAY;
      await h.app.novomind.feedWorker.runOnce();
      const reply = await h.s2s('GET', `/s2s/v1/changes?cursor=${start.nextCursor}`);

      assert.equal(reply.status, 410);
      assert.equal(ErrorBody.parse(reply.body).error.code, 'cursor_expired');
      assert.equal((await page('')).endOfStream, true);
    });
  });
}
