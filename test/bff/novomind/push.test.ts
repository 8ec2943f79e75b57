// DESIGN §10 Push: batches signed as Standard Webhooks, in order per ticket, never more requests per minute
// than the market allows, 429's Retry-After waited, 5xx backed off, failures in the metrics and the error
// log, nothing lost across a restart. Time is the test's clock: the worker never sleeps for real.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { TicketContext } from '../../../shared/s2s.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { nextTicket, PUSH_SECRET, startNovomindHarness, type NovomindHarness } from './novomind-harness.js';
import { startPushReceiver, type Delivery, type PushReceiver } from './push-receiver.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const LIMIT = 3;

describe('the push to novomind', () => {
  let h: NovomindHarness;
  let receiver: PushReceiver;
  let order: TicketContext['orders'][number];
  let ticket: string;
  const clock = { now: () => h.clock.now };

  before(async () => {
    receiver = await startPushReceiver(() => clock.now());
    h = await startNovomindHarness({ push: { url: receiver.url, maxRequestsPerMinute: LIMIT } });
    ticket = nextTicket();
    const reply = await h.s2s<TicketContext>('PUT', `/s2s/v1/tickets/${ticket}`, {
      email: eu.registered.email,
      market: 'de',
    });
    order = reply.body.orders[0]!;
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  let status = 1;
  async function change(): Promise<void> {
    status = status === 11 ? 9 : 11;
    await h.appendChange({
      orderId: order.id,
      customerId: eu.registered.customerId,
      email: eu.registered.email,
      statusId: status,
      previousStatusId: order.status.id,
      detail: { summary: order },
    });
  }

  /** Runs the worker until it has nothing left to send, moving the clock to each time it is due. */
  async function pump(maxRounds = 50): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      await h.app.novomind.pushWorker.runOnce();
      const next = await h.app.novomind.pushWorker.nextDueAt();
      if (next === null) return;
      h.clock.now = Math.max(h.clock.now, next);
    }
    throw new Error('the push did not drain');
  }

  function assertSigned(delivery: Delivery): void {
    // The Standard Webhooks library's own signer, not ours (its verify() would compare with the real clock).
    const expected = new Webhook(PUSH_SECRET).sign(
      delivery.id,
      new Date(Number(delivery.timestamp) * 1000),
      delivery.body,
    );
    assert.equal(delivery.signature, expected);
  }

  function assertRate(deliveries: readonly Delivery[]): void {
    for (const delivery of deliveries) {
      const inMinute = deliveries.filter((d) => d.at > delivery.at - 60_000 && d.at <= delivery.at).length;
      assert.ok(inMinute <= LIMIT, `${inMinute} requests in the minute before ${delivery.at}`);
    }
  }

  it('delivers signed batches, never more than the limit per minute, in order per ticket', async () => {
    for (let i = 0; i < 8; i += 1) {
      await change();
      await h.app.novomind.pushWorker.runOnce();
      h.clock.now += 1_000;
    }
    await pump();

    const delivered = receiver.deliveries.filter((d) => d.status === 200);
    assert.ok(receiver.deliveries.length > LIMIT, 'more than one minute of requests');
    receiver.deliveries.forEach(assertSigned);
    assertRate(receiver.deliveries);
    const seqs = delivered.flatMap((d) => d.changes.map((c) => c.seq));
    assert.equal(seqs.length, 8);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    assert.ok(
      delivered.every((d) => d.changes.every((c) => c.ticket === ticket && c.previous.statusId !== null)),
    );
  });

  it('waits exactly the Retry-After of a 429, and sends the same batch under the same webhook-id', async () => {
    receiver.deliveries.length = 0;
    h.clock.now += 120_000;
    receiver.script({ status: 429, retryAfter: '30' });
    await change();

    await h.app.novomind.pushWorker.runOnce();
    const refusedAt = receiver.deliveries[0]!.at;
    await h.app.novomind.pushWorker.runOnce();
    assert.equal(receiver.deliveries.length, 1, 'nothing sent before Retry-After');
    assert.equal(await h.app.novomind.pushWorker.nextDueAt(), refusedAt + 30_000);
    await pump();

    const [refused, retried] = receiver.deliveries;
    assert.equal(refused?.status, 429);
    assert.equal(retried?.status, 200);
    assert.equal(retried?.at, refusedAt + 30_000);
    assert.equal(retried?.id, refused?.id);
    assert.equal(retried?.body, refused?.body);
  });

  it('backs off on 5xx, counts them in the metrics and the error log', async () => {
    receiver.deliveries.length = 0;
    h.clock.now += 120_000;
    receiver.script({ status: 503 }, { status: 500 });
    await change();

    await pump();

    assert.deepEqual(
      receiver.deliveries.map((d) => d.status),
      [503, 500, 200],
    );
    const [first, second, third] = receiver.deliveries.map((d) => d.at);
    assert.ok(second! - first! >= 500 && third! - second! > second! - first!, 'the waits grow');
    assert.equal(new Set(receiver.deliveries.map((d) => d.id)).size, 1);
    const metrics = await h.app.running.context.metrics.registry.metrics();
    assert.match(metrics, /novomind_push_requests_total\{market="de",result="server_error"\} 2/);
    assert.match(metrics, /novomind_push_requests_total\{market="de",result="rate_limited"\} 1/);
    assert.match(metrics, /novomind_push_market_queued\{market="de"\} 0/);
    const logged = await h.app.running.context.repos.errorLog.listRecent(20);
    assert.ok(logged.some((entry) => entry.resource === 'novomind_push' && entry.recordId === 'de'));
    assert.ok(!JSON.stringify(logged).includes(PUSH_SECRET));
  });

  it('tells the operations console how the store’s push stands: queued and failing, then delivered', async () => {
    receiver.deliveries.length = 0;
    h.clock.now += 120_000;
    receiver.script({ status: 503 });
    await change();
    const push = h.app.running.context.ops.push;
    assert.ok(push, 'the novomind room registered its provider');
    const errorsBefore = (await push.facts('eu')).errorsLastHour;

    await h.app.novomind.pushWorker.runOnce();
    const failing = await push.facts('eu');
    await pump();
    const delivered = await push.facts('eu');

    assert.equal(failing.enabled, true);
    assert.equal(failing.failing, true);
    assert.equal(failing.queued, 1);
    assert.equal(failing.errorsLastHour, errorsBefore + 1);
    assert.match(failing.lastError ?? '', /503/);
    assert.notEqual(failing.oldestQueuedAt, null);
    assert.equal(delivered.failing, false);
    assert.equal(delivered.queued, 0);
    assert.equal(delivered.lastDeliveredAt, h.clock.now);
    assert.equal((await push.facts('us')).enabled, false, 'market us pushes nothing');
  });

  it('loses nothing across a restart while novomind is failing', async () => {
    receiver.deliveries.length = 0;
    h.clock.now += 120_000;
    receiver.script({ status: 503 });
    await change();
    await change();
    await h.app.novomind.pushWorker.runOnce();
    assert.equal(receiver.deliveries.length, 1);
    const metrics = await h.app.running.context.metrics.registry.metrics();
    assert.match(metrics, /novomind_push_market_queued\{market="de"\} 2/);

    await h.restart();
    await change();
    await pump();

    const delivered = receiver.deliveries.filter((d) => d.status === 200);
    const ids = new Set(delivered.flatMap((d) => d.changes.map((c) => c.id)));
    const failed = receiver.deliveries[0]!;
    for (const c of failed.changes) assert.ok(ids.has(c.id), `change ${c.id} delivered after the restart`);
    assert.equal(ids.size, 3);
    assert.equal(delivered[0]?.id, failed.id, 'the same batch first, under the same webhook-id');
    assertRate(receiver.deliveries);
  });
});
