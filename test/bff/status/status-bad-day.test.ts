// Status changes on BigCommerce's bad days (issue 12): PUTs that land and then fail or hang, reads that fail,
// a deadline in the middle of a PUT, restarts between a PUT and its replay. Every change lands exactly once,
// with exactly one audit entry, and the PUT is never sent again for a change that landed.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ErrorBody } from '../../../shared/errors.js';
import { StatusChangeResponse } from '../../../shared/status-change.js';
import {
  AWAITING_FULFILLMENT,
  CANCELLED,
  countLines,
  startStatusHarness,
  type Reply,
  type StatusHarness,
} from './status-harness.js';

const REASON = 'Out of stock, shopper agreed';
const CANCEL = { statusId: CANCELLED, expectedStatusId: AWAITING_FULFILLMENT, reason: REASON };

/** What a widget does: the same key again until the answer is not a 5xx. */
async function changeUntilAnswered(
  h: StatusHarness,
  session: string,
  orderId: number,
  key: string,
  maxTries = 20,
): Promise<{ reply: Reply; tries: number }> {
  for (let tries = 1; tries <= maxTries; tries += 1) {
    const reply = await h.postStatus(session, orderId, CANCEL, key);
    if (reply.status < 500) return { reply, tries };
  }
  throw new Error(`order ${orderId}: still a 5xx after ${maxTries} tries`);
}

function statusPuts(h: StatusHarness, orderId: number): number {
  return h.putsFor(orderId).filter((fields) => fields.includes('status_id')).length;
}

describe('status changes on a bad day', () => {
  let h: StatusHarness;
  let session: string;
  const rules: number[] = [];

  before(async () => {
    h = await startStatusHarness({ faultSeed: 12 });
    session = await h.agentSession('T-3001');
  });
  afterEach(() => {
    for (const rule of rules.splice(0)) h.sandbox.faults.remove(rule);
  });
  after(() => h.close());

  it('with half the PUTs failing after they land, 10 changes retried by the client each land once with one audit entry', async () => {
    const orders = Array.from({ length: 10 }, () => h.newOrder(AWAITING_FULFILLMENT));
    rules.push(h.sandbox.faults.add({ method: 'PUT', applyAfterWrite: true, errorRate: 0.5, status: 502 }));
    // Reads of these orders fail too (each GET is tried three times): some read-backs cannot tell, and the
    // client has to retry with the same key.
    for (const orderId of orders) {
      rules.push(
        h.sandbox.faults.add({ method: 'GET', path: `/v2/orders/${orderId}`, errorRate: 0.7, status: 503 }),
      );
    }

    const results: { reply: Reply; tries: number }[] = [];
    for (const [index, orderId] of orders.entries()) {
      results.push(await changeUntilAnswered(h, session, orderId, `key-half-${index}`));
    }
    await h.drain();

    const { repos } = h.app.running.context;
    for (const [index, orderId] of orders.entries()) {
      const { reply } = results[index]!;
      assert.equal(reply.status, 200, `order ${orderId}`);
      assert.equal(StatusChangeResponse.parse(reply.body).status.id, CANCELLED);
      assert.equal(h.statusOf(orderId), CANCELLED);
      assert.equal(statusPuts(h, orderId), 1, `order ${orderId}: one PUT with status_id`);
      assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1, `order ${orderId}: one entry`);
      assert.equal((await repos.orderChanges.listForOrder('default', orderId, 10)).length, 1);
    }
    // The dice did fail some PUTs after they landed: the retries above were needed, and wrote nothing twice.
    assert.ok(results.some((result) => result.tries > 1));
    const events = await repos.ticketEvents.listByTicket('T-3001', 1000);
    for (const orderId of orders) {
      assert.equal(events.filter((e) => e.orderId === orderId && e.type === 'status.changed').length, 1);
    }
  });

  it('reads back a PUT that landed and then hung, and answers 200 in the same request with one PUT', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    rules.push(
      h.sandbox.faults.add({
        method: 'PUT',
        path: `/v2/orders/${orderId}`,
        applyAfterWrite: true,
        hangRate: 1,
        times: 1,
      }),
    );

    const reply = await h.postStatus(session, orderId, CANCEL, 'key-hang-1');
    await h.drain();

    assert.equal(reply.status, 200);
    assert.equal(statusPuts(h, orderId), 1);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });

  it('reads before it writes again when a PUT failed without landing: 503, then the replay writes it', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    rules.push(
      h.sandbox.faults.add({
        method: 'PUT',
        path: `/v2/orders/${orderId}`,
        errorRate: 1,
        status: 503,
        times: 1,
      }),
    );
    h.sandbox.clearRequests();

    const first = await h.postStatus(session, orderId, CANCEL, 'key-not-landed-1');
    const trail = h.sandbox.requests.map((r) => `${r.method} ${r.status}`);
    const second = await h.postStatus(session, orderId, CANCEL, 'key-not-landed-1');
    await h.drain();

    assert.equal(first.status, 503);
    assert.equal(ErrorBody.parse(first.body).error.code, 'upstream_unavailable');
    // Ownership (the order was never listed for this ticket), the fresh read, the PUT (refused before it was
    // applied), the read-back (not there): nothing kept, nothing written twice.
    assert.deepEqual(trail, ['GET 200', 'GET 200', 'PUT 503', 'GET 200']);
    assert.equal(second.status, 200);
    assert.equal(h.statusOf(orderId), CANCELLED);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });

  it('answers 503 while BigCommerce cannot be read, keeps nothing, and lands once when it is back', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const rule = h.sandbox.faults.add({
      method: 'GET',
      path: `/v2/orders/${orderId}`,
      errorRate: 1,
      status: 503,
    });

    const down = await h.postStatus(session, orderId, CANCEL, 'key-read-down-1');
    h.sandbox.faults.remove(rule);
    const back = await h.postStatus(session, orderId, CANCEL, 'key-read-down-1');
    await h.drain();

    assert.equal(down.status, 503);
    assert.equal(statusPuts(h, orderId), 1);
    assert.equal(back.status, 200);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });

  it('finishes the audit of a change that landed before a crash, once', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    const { repos } = h.app.running.context;
    // As a crash leaves it: the PUT landed and was recorded, the audit never ran.
    h.sandbox.store().mutate.setStatus(orderId, CANCELLED);
    const { record } = await repos.statusChanges.insertOrFind({
      ref: 'sc-crashedbeforeaudit',
      ticket: 'T-3001',
      agent: 'alice',
      idempotencyKey: 'key-crash-1',
      storeKey: 'default',
      market: 'default',
      orderId,
      expectedStatusId: AWAITING_FULFILLMENT,
      statusId: CANCELLED,
      reason: REASON,
      createdAt: h.clock.now - 120_000,
      correlationId: 'corr-crash-0001',
    });
    const status = (id: number, label: string, family: string) => ({ id, label, family });
    await repos.statusChanges.markLanded(
      record.ref,
      {
        kind: 'landed',
        response: {
          orderId,
          status: status(CANCELLED, 'Cancelled', 'cancelled'),
          previousStatus: status(AWAITING_FULFILLMENT, 'Awaiting Fulfillment', 'awaiting'),
          changedAt: new Date(h.clock.now - 120_000).toISOString(),
          ticket: 'T-3001',
          agent: 'alice',
          reason: REASON,
        },
        customerId: 1,
        email: 'someone@example.com',
        summary: {},
      },
      h.clock.now - 120_000,
    );

    const finished = await h.room().service.finishLanded(60_000);
    const again = await h.room().service.finishLanded(60_000);
    await h.drain();

    assert.deepEqual([finished, again], [1, 0]);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
    assert.equal(countLines(h.staffNotes(orderId), 'Status changed: Awaiting Fulfillment → Cancelled'), 1);
    assert.equal((await repos.statusChanges.findByRef(record.ref))?.state, 'done');
    assert.equal((await repos.orderChanges.listForOrder('default', orderId, 10)).length, 1);
  });
});

describe('status changes when the request’s deadline falls in the middle of a PUT', () => {
  let h: StatusHarness;
  let session: string;

  before(async () => {
    // One second for the locked part; BigCommerce calls themselves may take longer (a hung one 5 s).
    h = await startStatusHarness({ faultSeed: 12, env: { REQUEST_BUDGET_SECONDS: '1' }, timeoutMs: 5_000 });
    session = await h.agentSession('T-3002');
  });
  after(() => h.close());

  it('answers 504 during a slow PUT, and the replay finishes the job without a second PUT', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    h.sandbox.faults.add({ method: 'PUT', path: `/v2/orders/${orderId}`, latencyMs: 1_500, times: 1 });

    const late = await h.postStatus(session, orderId, CANCEL, 'key-deadline-1');
    // The sandbox applies the PUT once its latency is over, though nobody waits for the answer any more.
    await waitFor(() => h.statusOf(orderId) === CANCELLED);
    const replay = await h.postStatus(session, orderId, CANCEL, 'key-deadline-1');
    await h.drain();

    assert.equal(late.status, 504);
    assert.equal(ErrorBody.parse(late.body).error.code, 'upstream_timeout');
    assert.equal(replay.status, 200);
    assert.equal(statusPuts(h, orderId), 1);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });

  it('survives a restart between a PUT that landed unseen (it hung) and the replay: no second PUT, one entry', async () => {
    const orderId = h.newOrder(AWAITING_FULFILLMENT);
    h.sandbox.faults.add({
      method: 'PUT',
      path: `/v2/orders/${orderId}`,
      applyAfterWrite: true,
      hangRate: 1,
      times: 1,
    });

    const unknown = await h.postStatus(session, orderId, CANCEL, 'key-restart-1');
    await h.restart();
    const replay = await h.postStatus(session, orderId, CANCEL, 'key-restart-1');
    await h.drain();

    assert.equal(unknown.status, 504);
    assert.equal(h.statusOf(orderId), CANCELLED);
    assert.equal(replay.status, 200);
    const body = StatusChangeResponse.parse(replay.body);
    // The order no longer shows the old status: its label comes from the store's status list (the merchant's).
    const label = h.sandbox.store().data.statuses.find((s) => s.id === AWAITING_FULFILLMENT)?.custom_label;
    assert.deepEqual(body.previousStatus, { id: AWAITING_FULFILLMENT, label, family: 'awaiting' });
    assert.equal(statusPuts(h, orderId), 1);
    assert.equal(countLines(h.staffNotes(orderId), `Reason: ${REASON}`), 1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
