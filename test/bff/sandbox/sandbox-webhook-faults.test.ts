import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';
import { registerHook, startReceiver, type Receiver } from './webhook-receiver.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

describe('sandbox webhook retries and delivery faults', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let clock = Date.UTC(2026, 10, 22, 9, 0, 0);
  before(async () => {
    sandbox = await startSandbox({
      quota: 10_000,
      now: () => clock,
      faultSeed: 3,
      webhooks: { retryScheduleMs: [1, 2] },
    });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    sandbox.store().faults.clear();
    await sandbox.settleDeliveries();
    for (const hook of sandbox.store().webhooks.list()) {
      await callSandbox(sandbox, `/v3/hooks/${hook.id}`, { method: 'DELETE' });
    }
    receiver.received.length = 0;
    receiver.respond = () => 200;
    sandbox.clearDeliveries();
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('retries a failed delivery (5xx, 3xx) on the schedule with the same body, then deactivates the hook', async () => {
    receiver.respond = (index) => [500, 302, 503][index] ?? 200;
    const hookId = await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });

    sandbox.store().mutate.setStaffNotes(eu.orders.withStaffNotes, 'retry me');
    const received = await receiver.waitFor(3);
    await sandbox.settleDeliveries();
    const hook = await callSandbox(sandbox, `/v3/hooks/${hookId}`);
    sandbox.store().mutate.setStaffNotes(eu.orders.withStaffNotes, 'after deactivation');
    await sandbox.settleDeliveries();

    assert.deepEqual(
      sandbox.deliveries.map((d) => [d.attempt, d.status, d.outcome]),
      [
        [1, 500, 'retrying'],
        [2, 302, 'retrying'],
        [3, 503, 'failed'],
      ],
    );
    assert.equal(new Set(received.map((r) => r.raw)).size, 1, 'every attempt carries the same body');
    assert.equal((hook.json as { data: { is_active: boolean } }).data.is_active, false);
    assert.equal(receiver.received.length, 3, 'an inactive hook receives nothing more');
  });

  it('stops retrying once an attempt succeeds, and the hook stays active', async () => {
    receiver.respond = (index) => (index === 0 ? 500 : 204);
    const hookId = await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });

    sandbox.store().mutate.setStaffNotes(eu.orders.refunded, 'second time lucky');
    await receiver.waitFor(2);
    await sandbox.settleDeliveries();

    assert.deepEqual(
      sandbox.deliveries.map((d) => [d.attempt, d.status, d.outcome]),
      [
        [1, 500, 'retrying'],
        [2, 204, 'delivered'],
      ],
    );
    assert.equal(
      sandbox
        .store()
        .webhooks.list()
        .find((h) => h.id === hookId)?.is_active,
      true,
    );
  });

  it('counts a network error as a failed attempt (status 0 with the error)', async () => {
    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    await registerHook(sandbox, { scope: 'store/order/updated', destination: url });

    sandbox.store().mutate.setStaffNotes(eu.orders.refunded, 'nobody listens');
    // Three attempts: the first and two retries on the [1, 2] ms schedule.
    await sandbox.settleDeliveries({ retries: true });

    assert.deepEqual(
      sandbox.deliveries.map((d) => [d.status, d.outcome]),
      [
        [0, 'retrying'],
        [0, 'retrying'],
        [0, 'failed'],
      ],
    );
    assert.ok(sandbox.deliveries.every((d) => typeof d.error === 'string' && d.error.length > 0));
  });

  it('holds deliveries while paused and sends them on resume, in order', async () => {
    await registerHook(sandbox, { scope: 'store/order/*', destination: receiver.url });
    const store = sandbox.store();

    store.webhooks.pause();
    store.mutate.setStaffNotes(eu.orders.refunded, 'one');
    await callSandbox(sandbox, `/v2/orders/${eu.orders.partiallyRefunded}`, {
      method: 'PUT',
      body: { staff_notes: 'two' },
    });
    await sandbox.settleDeliveries();
    const heldCount = receiver.received.length;
    const pending = store.webhooks.pending();
    store.webhooks.resume();
    const received = await receiver.waitFor(2);

    assert.equal(heldCount, 0);
    assert.equal(pending, 2);
    assert.deepEqual(
      received.map((r) => r.body.data['id']),
      [eu.orders.refunded, eu.orders.partiallyRefunded],
    );
  });

  it('sends every delivery twice with an identical body and hash when duplicate is on', async () => {
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });
    sandbox.store().faults.set({ deliveries: { duplicate: true } });

    sandbox.store().mutate.setStaffNotes(eu.orders.guestOrder, 'twice');
    const [first, second] = await receiver.waitFor(2);
    await sandbox.settleDeliveries();

    assert.equal(first!.raw, second!.raw);
    assert.equal(first!.body.hash, second!.body.hash);
    assert.equal(receiver.received.length, 2);
  });

  it('delivers a burst in reverse order when reorder is "reverse"', async () => {
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });
    const store = sandbox.store();
    const ids = [eu.orders.refunded, eu.orders.partiallyRefunded, eu.orders.digital];

    store.faults.set({ deliveries: { paused: true, reorder: 'reverse' } });
    for (const id of ids) store.mutate.setStaffNotes(id, 'burst');
    store.webhooks.resume();
    const received = await receiver.waitFor(3);

    assert.deepEqual(
      received.map((r) => r.body.data['id']),
      [...ids].reverse(),
    );
  });

  it('delivers a burst as a permutation of it when reorder is "shuffle"', async () => {
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });
    const store = sandbox.store();
    const ids = [eu.orders.refunded, eu.orders.partiallyRefunded, eu.orders.digital, eu.orders.incomplete];

    store.faults.set({ deliveries: { paused: true, reorder: 'shuffle' } });
    for (const id of ids) store.mutate.setStaffNotes(id, 'shuffle');
    store.webhooks.resume();
    const received = await receiver.waitFor(4);

    assert.deepEqual(
      received.map((r) => r.body.data['id'] as number).sort((a, b) => a - b),
      [...ids].sort((a, b) => a - b),
    );
  });

  it('loses deliveries silently with drop, while a delta read still finds the change', async () => {
    clock = Date.UTC(2026, 10, 22, 12, 0, 0);
    await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });
    sandbox.store().faults.set({ deliveries: { drop: true } });

    sandbox.store().mutate.setStaffNotes(eu.orders.legacyRefundFields, 'lost webhook');
    await sandbox.settleDeliveries();
    const delta = await callSandbox(
      sandbox,
      `/v2/orders?min_date_modified=${encodeURIComponent('2026-11-22T11:59:00+00:00')}&sort=date_modified:asc`,
    );

    assert.equal(receiver.received.length, 0);
    assert.deepEqual(
      sandbox.deliveries.map((d) => [d.outcome, d.status]),
      [['dropped', 0]],
    );
    assert.deepEqual(
      (delta.json as { id: number }[]).map((o) => o.id),
      [eu.orders.legacyRefundFields],
    );
  });

  it('sends nothing to a hook deactivated as BigCommerce would, not even what was already queued', async () => {
    const hookId = await registerHook(sandbox, { scope: 'store/order/updated', destination: receiver.url });
    const store = sandbox.store();

    store.webhooks.pause();
    store.mutate.setStaffNotes(eu.orders.refunded, 'queued');
    store.webhooks.deactivate(hookId);
    store.webhooks.resume();
    await sandbox.settleDeliveries();
    const listed = await callSandbox(sandbox, '/v3/hooks?is_active=false');

    assert.equal(receiver.received.length, 0);
    assert.deepEqual(
      sandbox.deliveries.map((d) => d.outcome),
      ['skipped'],
    );
    assert.deepEqual(
      (listed.json as { data: { id: number }[] }).data.map((h) => h.id),
      [hookId],
    );
  });
});

describe('sandbox close() with deliveries in progress', () => {
  const timeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  it('clears retry timers, held and hanging deliveries, so nothing keeps the process alive', async () => {
    const baseline = timeouts();
    const failing = await startReceiver(() => 500);
    const hanging = await startReceiver(() => 'hang');
    const sandbox = await startSandbox({ quota: 10_000, webhooks: { retryScheduleMs: [3_600_000] } });
    await registerHook(sandbox, { scope: 'store/order/updated', destination: failing.url });
    await registerHook(sandbox, { scope: 'store/order/updated', destination: hanging.url });
    await registerHook(sandbox, { scope: 'store/order/updated', destination: failing.url }, 'sbx2us');
    const us = SANDBOX_PERSONAS.sbx2us;

    sandbox.store('sbx1eu').mutate.setStaffNotes(eu.orders.refunded, 'x');
    // Sent one after the other: the failing hook's answer (and its retry timer) came before the hang.
    await hanging.waitFor(1);
    sandbox.store('sbx2us').webhooks.pause();
    sandbox.store('sbx2us').mutate.setStaffNotes(us.orders.refunded, 'held');
    const whileRunning = timeouts();
    await sandbox.close();
    await failing.close();
    await hanging.close();

    assert.ok(whileRunning > baseline, 'a retry timer was pending before close');
    assert.equal(timeouts(), baseline);
    assert.equal(sandbox.store('sbx2us').webhooks.pending(), 0);
  });
});
