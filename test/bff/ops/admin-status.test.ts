// GET /api/v1/admin/status over HTTP: each store's state computed from real conditions made with the
// sandbox's fault knobs (an outage, a 429 storm) and, for what the sync room will report, the repositories.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminActionResponse, AdminErrorsResponse } from '../../../shared/admin.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import type { SyncLiveFacts, SyncOpsProvider } from '../../../bff/src/ops/index.js';
import { startProduct } from '../context/product-harness.js';
import { ADMIN_TOKEN, addFailedNote, startConsole, type Console } from './ops-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const MINUTE = 60_000;

describe('GET /api/v1/admin/status: a store as it is', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
  });
  after(() => admin.close());

  it('answers every configured store, healthy, after checking BigCommerce answers', async () => {
    admin.product.clearUpstream();

    const status = await admin.status();

    assert.deepEqual(
      status.stores.map((store) => [store.key, store.label, store.state]),
      [
        ['eu', 'Sandbox EU', 'healthy'],
        ['us', 'Sandbox US', 'healthy'],
      ],
    );
    const store = status.stores[0]!;
    assert.deepEqual(store.reasons, []);
    assert.equal(store.bigcommerce.reachable, true);
    assert.equal(store.bigcommerce.consecutiveFailures, 0);
    assert.equal(typeof store.bigcommerce.requestsLeft, 'number', 'the quota from the probe’s answer');
    assert.deepEqual(
      admin.product.upstream().sort(),
      ['GET /v2/time', 'GET /v2/time'],
      'one probe per idle store',
    );
    assert.equal(status.rooms.sync, false, 'no sync room in this build yet');
    assert.equal(store.sync.nextRunAt, null);
  });

  it('keeps the last hour at one-minute resolution, bounded to 60 points, the current minute last', async () => {
    const before = await admin.store('eu');
    admin.product.clock.advance(3 * MINUTE);

    const after = await admin.store('eu');

    assert.equal(before.series.length, 60);
    assert.equal(after.series.length, 60);
    assert.equal(
      after.series.at(-1)!.at,
      new Date(Math.floor(admin.product.clock.now() / MINUTE) * MINUTE).toISOString(),
    );
    assert.deepEqual(after.series.at(-4), before.series.at(-1), 'the earlier minute moved back by three');
    assert.equal(after.series.at(-1)!.calls, 1, 'the probe of an idle store, counted in its minute');
    assert.equal(after.series.at(-1)!.notesQueued, 0, 'queue depth sampled');
  });

  it('asks BigCommerce again only when its evidence is a minute old', async () => {
    await admin.status();
    admin.product.clearUpstream();

    await admin.status();
    admin.product.clock.advance(59_000);
    await admin.status();

    assert.deepEqual(admin.product.upstream(), []);
  });

  it('counts the calls of agents’ views and the cache’s hits per store', async () => {
    const session = await admin.product.openSession({ email: eu.registered.email, market: 'de' });
    await admin.product.get(session, '/api/v1/context');
    await admin.product.get(session, '/api/v1/context');

    const store = await admin.store('eu');

    assert.ok(store.bigcommerce.callsLastHour >= 3, `${store.bigcommerce.callsLastHour} calls`);
    assert.ok(store.cache.lookupsLastHour >= 2);
    assert.ok(store.cache.hitRatio !== null && store.cache.hitRatio > 0, 'the second view was a hit');
    assert.equal(
      (await admin.store('us')).cache.lookupsLastHour,
      0,
      'another store’s lookups are not counted',
    );
  });
});

describe('GET /api/v1/admin/status: states from the sandbox’s fault knobs', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
    await admin.status();
  });
  after(() => admin.close());

  it('says failing, and why, when the store’s BigCommerce is down; the other store stays healthy', async () => {
    admin.product.sandbox.store('sbx1eu').faults.set({ outage: true });
    admin.product.clock.advance(MINUTE);

    const status = await admin.status();
    const store = status.stores.find((s) => s.key === 'eu')!;

    assert.equal(store.state, 'failing');
    assert.equal(store.reasons[0]?.code, 'bigcommerce_unreachable');
    assert.match(store.reasons[0].text, /did not answer the last 3 calls \(HTTP 503\)/);
    assert.equal(store.bigcommerce.reachable, false);
    assert.equal(store.bigcommerce.lastFailure, 'HTTP 503');
    assert.ok(store.bigcommerce.failedLastHour >= 3);
    assert.equal(status.stores.find((s) => s.key === 'us')!.state, 'healthy');
  });

  it('sees the store come back within 15 seconds of the outage ending', async () => {
    admin.product.sandbox.store('sbx1eu').faults.clear();
    admin.product.clock.advance(15_000);

    const store = await admin.store('eu');

    assert.equal(store.state, 'healthy');
    assert.equal(store.bigcommerce.reachable, true);
  });

  it('says degraded while BigCommerce throttles the store (a 429 storm), not failing', async () => {
    admin.product.sandbox.store('sbx1eu').faults.set({ rateLimit: true });
    admin.product.clock.advance(MINUTE);

    const store = await admin.store('eu');
    admin.product.sandbox.store('sbx1eu').faults.clear();

    assert.equal(store.state, 'degraded');
    assert.deepEqual(
      store.reasons.map((reason) => reason.code),
      ['bigcommerce_throttled'],
    );
    assert.match(store.reasons[0]!.text, /throttled 3 calls \(HTTP 429\) in the last 5 minutes/);
    assert.equal(store.bigcommerce.throttledLastHour, 3);
    assert.equal(store.series.at(-1)!.throttled, 3);
  });

  it('forgets the storm five minutes later', async () => {
    admin.product.clock.advance(5 * MINUTE);

    const store = await admin.store('eu');

    assert.equal(store.state, 'healthy');
    assert.equal(store.bigcommerce.throttledLastHour, 3, 'still in the hour’s count');
  });
});

describe('GET /api/v1/admin/status: a store that hangs', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
    await admin.status();
  });
  after(() => admin.close());

  it('answers within its wait while the store hangs, and says failing once a check has hung for 5 seconds', async () => {
    admin.product.sandbox.store('sbx1eu').faults.set({ outage: { mode: 'hang' } });
    admin.product.clock.advance(MINUTE);

    const first = await admin.store('eu');
    admin.product.clock.advance(6_000);
    const second = await admin.store('eu');
    admin.product.sandbox.store('sbx1eu').faults.clear();

    assert.notEqual(first.state, 'failing', 'a check that just started proves nothing yet');
    assert.equal(second.state, 'failing');
    assert.equal(
      second.reasons[0]?.text,
      'BigCommerce has not answered a check for 6 seconds, the last answer was 1 minute ago.',
    );
  });
});

describe('GET /api/v1/admin/status: states from the repositories (webhooks, sync, notes)', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
  });
  after(() => admin.close());

  it('says degraded when hooks are paused: changes reach the index only through a delta run', async () => {
    const { sandbox, clock } = admin.product;
    const now = clock.now();
    // Deliveries arrived (the intake stored one half an hour ago), then BigCommerce held them back.
    await admin.repos.webhookDeliveries.insertIfNew({
      storeKey: 'eu',
      bodyHash: 'a'.repeat(64),
      scope: 'store/order/updated',
      resourceId: eu.orders.partiallyShipped,
      orderId: eu.orders.partiallyShipped,
      customerId: null,
      receivedAt: now - 30 * MINUTE,
    });
    await admin.repos.webhookDeliveries.markDone([1], now - 30 * MINUTE);
    sandbox.store('sbx1eu').faults.set({ deliveries: { paused: true } });
    const previous = sandbox.store('sbx1eu').data.getOrder(eu.orders.partiallyShipped)!.status_id;
    const order = sandbox.store('sbx1eu').mutate.setStatus(eu.orders.partiallyShipped, 2);
    // The delta run (sync room) reads the change and records it: no webhook had announced it.
    await admin.repos.syncState.recordSuccess({
      storeKey: 'eu',
      stream: 'orders',
      checkpoint: now - MINUTE,
      at: now,
    });
    await admin.repos.orderChanges.append({
      storeKey: 'eu',
      orderId: order.id,
      kind: 'order.status_changed',
      source: 'delta',
      customerId: order.customer_id,
      email: order.billing_address.email,
      statusId: 2,
      previousStatusId: previous,
      detail: {},
      at: now,
    });

    const store = await admin.store('eu');
    sandbox.store('sbx1eu').faults.clear();

    assert.equal(store.state, 'degraded');
    assert.deepEqual(
      store.reasons.map((reason) => reason.code),
      ['webhooks_missed'],
    );
    assert.match(
      store.reasons[0]!.text,
      /1 order change of the last hour reached us only through a delta run/,
    );
    assert.equal(store.webhooks.missedLastHour, 1);
    assert.equal(store.webhooks.deliveriesLastHour, 1);
    assert.equal(store.webhooks.lastDeliveryAt, new Date(now - 30 * MINUTE).toISOString());
    assert.equal(store.sync.lastSuccessAt, new Date(now).toISOString());
    assert.equal(store.sync.lagSeconds, 60);
    assert.equal(store.sync.backfill.done, true);
    assert.equal((await admin.store('us')).state, 'healthy');
  });

  it('says degraded when the last successful delta run is older than 15 minutes', async () => {
    admin.product.clock.advance(16 * MINUTE);

    const store = await admin.store('eu');

    assert.ok(store.reasons.some((reason) => reason.code === 'sync_behind'));
    assert.match(
      store.reasons.find((reason) => reason.code === 'sync_behind')!.text,
      /last successful delta run was 16 minutes ago/,
    );
    assert.equal(store.sync.lagSeconds, 17 * 60);
  });

  it('says degraded while webhook deliveries wait unprocessed for more than five minutes', async () => {
    const now = admin.product.clock.now();
    await admin.repos.webhookDeliveries.insertIfNew({
      storeKey: 'us',
      bodyHash: 'b'.repeat(64),
      scope: 'store/order/created',
      resourceId: 1,
      orderId: 1,
      customerId: null,
      receivedAt: now - 7 * MINUTE,
    });

    const store = await admin.store('us');

    assert.deepEqual(
      store.reasons.map((reason) => [reason.code, reason.text]),
      [['webhooks_backlog', '1 webhook delivery waits to be processed, the oldest for 7 minutes.']],
    );
    assert.equal(store.webhooks.pending, 1);
    assert.equal(store.webhooks.oldestPendingAgeSeconds, 420);
  });

  it('says degraded when notes failed for good, and the retry action queues them again, audited', async () => {
    await addFailedNote(admin.repos, {
      storeKey: 'eu',
      orderId: eu.orders.twoShippingAddresses,
      ref: 'note-ops-1',
      at: admin.product.clock.now(),
    });
    const degraded = await admin.store('eu');

    const reply = await admin.post('/api/v1/admin/stores/eu/actions/retry-notes');

    assert.ok(degraded.reasons.some((reason) => reason.code === 'notes_failed'));
    assert.equal(degraded.notes.failed, 1);
    assert.equal(reply.status, 200);
    const answer = AdminActionResponse.parse(reply.body);
    assert.equal(answer.outcome, 'done');
    assert.equal(answer.message, '1 failed note queued again; the worker writes it now.');
    assert.equal(answer.correlationId, reply.correlationId);
    assert.equal((await admin.repos.noteOutbox.stats('eu')).failed, 0);
    const audit = AdminErrorsResponse.parse(
      (await admin.get(`/api/v1/admin/errors?correlationId=${answer.correlationId}`)).body,
    );
    assert.deepEqual(
      audit.entries.map((entry) => [entry.storeKey, entry.resource, entry.recordId, entry.issues]),
      [['eu', 'admin_action', 'retry-notes', { outcome: 'done', message: answer.message }]],
    );
  });

  it('says notes wait too long when the oldest queued note is older than ten minutes', async () => {
    const now = admin.product.clock.now();
    await admin.repos.noteOutbox.insertOrFind(
      {
        ref: 'note-ops-2',
        idempotencyKey: 'key-ops-2',
        storeKey: 'us',
        orderId: 1,
        ticket: 'T-ops-2',
        agent: 'alice',
        text: 'x',
        createdAt: now - 11 * MINUTE,
        nextAttemptAt: now + 3_600_000,
        correlationId: 'corr-ops-2',
      },
      () => ({
        ticket: 'T-ops-2',
        orderId: 1,
        agent: 'alice',
        type: 'note.queued',
        status: 'queued',
        correlationId: null,
        at: now,
      }),
    );

    const store = await admin.store('us');

    assert.ok(
      store.reasons.some(
        (reason) => reason.text === '1 note is queued for BigCommerce, the oldest for 11 minutes.',
      ),
    );
    assert.equal(store.notes.oldestQueuedAgeSeconds, 660);
  });
});

describe('the operator actions', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
  });
  after(() => admin.close());

  it('answers 501 action_unavailable for a delta run or a webhook repair while no sync room is registered, audited', async () => {
    for (const action of ['run-delta', 'repair-webhooks']) {
      const reply = await admin.post<{ error: { code: string; message: string; correlationId: string } }>(
        `/api/v1/admin/stores/eu/actions/${action}`,
      );

      assert.equal(reply.status, 501, action);
      assert.equal(reply.body.error.code, 'action_unavailable');
      assert.match(reply.body.error.message, /needs the sync room/);
      const audit = AdminErrorsResponse.parse(
        (await admin.get(`/api/v1/admin/errors?correlationId=${reply.body.error.correlationId}`)).body,
      );
      assert.deepEqual(audit.entries[0]?.issues, {
        outcome: 'refused',
        code: 'action_unavailable',
        message: reply.body.error.message,
      });
    }
  });

  it('answers 404 for an unknown store or action, and nothing under /api/v1/admin falls through to the agents’ API', async () => {
    const unknownStore = await admin.post<{ error: { code: string } }>(
      '/api/v1/admin/stores/mars/actions/retry-notes',
    );
    const unknownAction = await admin.post<{ error: { code: string } }>(
      '/api/v1/admin/stores/eu/actions/reboot',
    );
    const unknownPath = await admin.get<{ error: { code: string } }>('/api/v1/admin/nothing');

    assert.deepEqual(
      [unknownStore, unknownAction, unknownPath].map((reply) => [reply.status, reply.body.error.code]),
      [
        [404, 'not_found'],
        [404, 'not_found'],
        [404, 'not_found'],
      ],
    );
  });
});

describe('a sync room registered on ctx.ops (its provider, as the sync room will implement it)', () => {
  let admin: Console;
  const calls: string[] = [];
  let hooks = { expected: 9, registered: 9, active: 7 };
  before(async () => {
    admin = await startConsole({
      extend: [
        (ctx) => {
          const provider: SyncOpsProvider = {
            facts: (storeKey): SyncLiveFacts => ({
              enabled: true,
              running: false,
              nextRunAt: ctx.now() + 2 * MINUTE,
              intervalMs: 5 * MINUTE,
              backfill: storeKey === 'us' ? { read: 250, total: 1000 } : null,
              webhooks: { ...hooks, checkedAt: ctx.now(), lastError: null },
            }),
            async runDeltaNow(storeKey, { correlationId }) {
              calls.push(`run-delta ${storeKey} ${correlationId}`);
              return { outcome: 'started', message: 'A delta run started.' };
            },
            async repairWebhooks(storeKey) {
              calls.push(`repair ${storeKey}`);
              hooks = { expected: 9, registered: 9, active: 9 };
              return { outcome: 'done', message: '2 webhooks re-activated.' };
            },
          };
          ctx.ops.provideSync(provider);
          return {};
        },
      ],
    });
  });
  after(() => admin.close());

  it('shows its live facts and says degraded while hooks are inactive', async () => {
    const status = await admin.status();
    const store = status.stores.find((s) => s.key === 'eu')!;

    assert.equal(status.rooms.sync, true);
    assert.equal(store.state, 'degraded');
    assert.deepEqual(store.reasons, [
      {
        level: 'degraded',
        code: 'webhooks_inactive',
        text: '2 of 9 webhooks are missing or inactive: changes arrive only with the delta runs. Repair webhooks.',
      },
    ]);
    assert.deepEqual([store.webhooks.expected, store.webhooks.registered, store.webhooks.active], [9, 9, 7]);
    assert.equal(store.sync.nextRunAt, new Date(admin.product.clock.now() + 2 * MINUTE).toISOString());
    assert.equal(store.sync.intervalSeconds, 300);
    assert.equal(status.stores.find((s) => s.key === 'us')!.sync.backfill.percent, 25);
  });

  it('runs a delta (202 started) and repairs webhooks (200 done) through it, then shows the store healthy', async () => {
    const run = await admin.post('/api/v1/admin/stores/eu/actions/run-delta');
    const repair = await admin.post('/api/v1/admin/stores/eu/actions/repair-webhooks');

    assert.equal(run.status, 202);
    assert.equal(AdminActionResponse.parse(run.body).outcome, 'started');
    assert.equal(repair.status, 200);
    assert.deepEqual(calls, [`run-delta eu ${run.correlationId}`, 'repair eu']);
    assert.equal((await admin.store('eu')).state, 'healthy');
  });
});

describe('the admin API’s credentials', () => {
  let admin: Console;
  before(async () => {
    admin = await startConsole();
  });
  after(() => admin.close());

  for (const path of ['/api/v1/admin/status', '/api/v1/admin/errors']) {
    it(`answers ${path} without a bearer with 401 unauthorized and a Bearer challenge`, async () => {
      const response = await fetch(`${admin.product.url}${path}`);
      const body = (await response.json()) as { error: { code: string } };

      assert.equal(response.status, 401);
      assert.equal(body.error.code, 'unauthorized');
      assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="admin"');
    });

    it(`answers ${path} with another bearer with 403 forbidden`, async () => {
      const reply = await admin.product.get<{ error: { code: string } }>('not-the-admin-token-123', path);

      assert.equal(reply.status, 403);
      assert.equal(reply.body.error.code, 'forbidden');
    });
  }

  it('serves the console page at /admin/ without credentials (it asks for the token itself), never framed', async () => {
    const response = await fetch(`${admin.product.url}/admin/`);
    const html = await response.text();

    assert.equal(response.status, 200);
    assert.match(html, /<script type="module" src="admin\.js"><\/script>/);
    assert.doesNotMatch(html, new RegExp(ADMIN_TOKEN));
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });
});

describe('without ADMIN_TOKEN', () => {
  it('has no status API and no console page (404), outside sandbox mode', async () => {
    const product = await startProduct();
    try {
      const api = await product.get<{ error: { code: string } }>(
        'anything-at-all-1234',
        '/api/v1/admin/status',
      );
      const page = await fetch(`${product.url}/admin/`);

      assert.equal(product.server.config.adminToken, null);
      assert.equal(api.status, 404);
      assert.equal(api.body.error.code, 'not_found');
      assert.equal(page.status, 404);
    } finally {
      await product.close();
    }
  });
});
