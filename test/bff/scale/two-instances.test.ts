// Two BFF processes on one PostgreSQL schema and one Redis prefix (issue 15 item 5, DESIGN §13), driven over HTTP
// only: one BigCommerce sandbox in this process (faults on), two children started like a deployment starts them
// (`node bff/src/server.ts` through tsx, the same CONFIG_FILE, EMBED_SECRET, DATABASE_URL and REDIS_URL), and a
// small round-robin load balancer in front of both, which is the PUBLIC_URL the sandbox's webhooks go to.
// Waits are polled with a bound; nothing asserts how long anything took.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killBffProcess, startBffProcess } from '../../../scripts/bff-process.js';
import pg from 'pg';
import { signEmbedToken } from '../../../bff/src/auth/sign-embed-token.js';
import {
  DEFAULT_SANDBOX_STORES,
  SANDBOX_PERSONAS,
  startSandbox,
  type Sandbox,
} from '../../../bff/src/sandbox/index.js';
import { SECRET_HEADER } from '../../../bff/src/sync/index.js';
import { countRef } from '../notes/notes-harness.js';
import { REDIS_TEST_URL, skipUnlessRedis, testPrefix } from '../redis/redis-harness.js';
import { createScratchSchema, postgresOrSkip, type ScratchSchema } from '../support/postgres.js';
import { recordSkip } from '../support/skips.js';

const SUITE = 'two instances (PostgreSQL + Redis)';
const EMBED_SECRET = 'two-instances-embed-secret-0123456789abcdef';
const WEBHOOK_SECRET = 'two-instances-webhook-secret-0123456789';
const eu = SANDBOX_PERSONAS.sbx1eu;
/** The US store is the one under a tight quota: 20 requests per 3-second window (item 4). */
const US_QUOTA = 20;
const WINDOW_MS = 3_000;

const pgSkip = await postgresOrSkip(SUITE);
if (skipUnlessRedis) recordSkip({ suite: SUITE, service: `Redis at ${new URL(REDIS_TEST_URL).host}` });
const skip = pgSkip || skipUnlessRedis;
const REDIS_KEY_PREFIX = testPrefix('two-instances');

interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  output(): string;
}

async function startChild(name: string, env: NodeJS.ProcessEnv): Promise<Child> {
  return { name, ...(await startBffProcess(env, name)) };
}

const kill = killBffProcess;

/** Round robin over the instances still alive: what a load balancer in front of the BFF does. */
async function startLoadBalancer(): Promise<{ url: string; backends: Set<string>; close(): Promise<void> }> {
  const backends = new Set<string>();
  let next = 0;
  const server = http.createServer((req, res) => {
    const alive = [...backends];
    const target = alive[next++ % Math.max(1, alive.length)];
    if (!target) {
      res.writeHead(503).end();
      return;
    }
    const upstream = http.request(
      `${target}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backends,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  withinMs = 30_000,
): Promise<void> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting (${withinMs} ms) until ${what}`);
}

function token(claims: {
  agent: string;
  ticket: string;
  customer?: number;
  email?: string;
  market?: string;
}) {
  return signEmbedToken(
    {
      agent: claims.agent,
      ticket: claims.ticket,
      ...(claims.customer === undefined ? {} : { customer: String(claims.customer) }),
      ...(claims.email === undefined ? {} : { email: claims.email }),
      market: claims.market ?? 'de',
      scope: 'orders:read notes:write',
    },
    { secret: EMBED_SECRET, audience: 'order-context', ttlSec: 300 },
  );
}

function postSession(url: string, embedToken: string): Promise<Response> {
  return fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: embedToken }),
  });
}

async function session(url: string, claims: Parameters<typeof token>[0]): Promise<string> {
  const response = await postSession(url, await token(claims));
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { session: string }).session;
}

function get(url: string, bearer: string, pathAndQuery: string): Promise<Response> {
  return fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${bearer}` } });
}

describe('two BFF instances on one PostgreSQL and one Redis, over HTTP', { skip }, () => {
  let sandbox: Sandbox;
  let schema: ScratchSchema;
  let db: pg.Client;
  let lb: Awaited<ReturnType<typeof startLoadBalancer>>;
  let dir: string;
  let a: Child;
  let b: Child;
  const children: Child[] = [];

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

  before(async () => {
    sandbox = await startSandbox({
      windowMs: WINDOW_MS,
      stores: DEFAULT_SANDBOX_STORES.map((spec) =>
        spec.hash === 'sbx2us' ? { ...spec, quota: US_QUOTA } : { ...spec, quota: 1_000_000 },
      ),
      faultSeed: 20261203,
      webhooks: { retryScheduleMs: [50, 100, 200], timeoutMs: 2_000 },
    });
    schema = await createScratchSchema();
    db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    lb = await startLoadBalancer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-two-'));
    const configFile = path.join(dir, 'stores.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        stores: {
          eu: {
            hash: 'sbx1eu',
            tokenEnv: 'BC_TOKEN_EU',
            apiUrl: sandbox.url,
            webhookSecretEnv: 'BC_WEBHOOK_SECRET_EU',
          },
          // Views of the US store stay live (no index): every cold view costs quota (item 4).
          us: { hash: 'sbx2us', tokenEnv: 'BC_TOKEN_US', apiUrl: sandbox.url, sync: { enabled: false } },
        },
        markets: {
          de: { store: 'eu', permissions: ['orders:read', 'notes:write'] },
          us: { store: 'us', permissions: ['orders:read', 'notes:write'] },
        },
        defaultMarket: 'de',
      }),
    );
    const env = (name: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      CONFIG_FILE: configFile,
      BC_TOKEN_EU: 'sandbox-token-eu',
      BC_TOKEN_US: 'sandbox-token-us',
      BC_WEBHOOK_SECRET_EU: WEBHOOK_SECRET,
      EMBED_SECRET,
      PUBLIC_URL: lb.url,
      DATA_DIR: path.join(dir, name),
      DATABASE_URL: schema.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX,
      LOG_LEVEL: 'info',
      NOTE_ATTEMPT_TIMEOUT_SECONDS: '1',
    });
    // One after the other: the first runs the migrations, the second finds them done.
    a = await startChild('A', env('a'));
    children.push(a);
    b = await startChild('B', env('b'));
    children.push(b);
    lb.backends.add(a.url);
    lb.backends.add(b.url);
  });

  after(async () => {
    for (const child of children) await kill(child);
    await lb?.close();
    await db?.end();
    await sandbox?.close();
    await schema?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('1. a session opened on A works on B, and the token’s jti taken on A is refused on B', async () => {
    const embed = await token({ agent: 'one.agent', ticket: 'T-TWO-1', customer: eu.registered.customerId });
    const opened = await postSession(a.url, embed);
    assert.equal(opened.status, 201, await opened.clone().text());
    const { session: bearer } = (await opened.json()) as { session: string };

    const onB = await get(b.url, bearer, `/api/v1/orders/${eu.orders.shippedWithTracking}`);
    assert.equal(onB.status, 200, await onB.clone().text());
    const onA = await get(a.url, bearer, `/api/v1/orders/${eu.orders.shippedWithTracking}`);
    assert.equal(onA.status, 200);

    const replayOnB = await postSession(b.url, embed);
    assert.equal(replayOnB.status, 401, await replayOnB.clone().text());
    const replayOnA = await postSession(a.url, embed);
    assert.equal(replayOnA.status, 401);
  });

  it('2. 100 notes posted alternately to A and B for 10 orders, half the PUTs failing after they land: each once', async () => {
    const shopper = eu.manyOrders;
    const data = sandbox.store('sbx1eu').data;
    const orderIds = data.orders
      .filter((order) => order.customer_id === shopper.customerId && order.status_id !== 0)
      .slice(0, 10)
      .map((order) => order.id);
    assert.equal(orderIds.length, 10);
    const agents = [
      { agent: 'two.alice', ticket: 'T-TWO-2A' },
      { agent: 'two.bob', ticket: 'T-TWO-2B' },
    ];
    // Each agent's session is opened on A and used on both.
    const sessions = await Promise.all(
      agents.map((agent) => session(a.url, { ...agent, customer: shopper.customerId })),
    );
    const notes = Array.from({ length: 100 }, (_, i) => ({
      i,
      instance: i % 2 === 0 ? a : b,
      bearer: sessions[Math.floor(i / 50)]!,
      orderId: orderIds[i % 10]!,
      key: `two-note-${String(i).padStart(3, '0')}`,
      text: `Two instances, note ${i} on order ${orderIds[i % 10]}.`,
      ref: '',
    }));
    const putsBefore = sandbox.requests.filter((r) => r.method === 'PUT').length;
    // An order's queued notes share one PUT, so there are few: the first three fail after landing for sure.
    const certain = sandbox.faults.add({
      store: 'sbx1eu',
      method: 'PUT',
      path: '/v2/orders/',
      applyAfterWrite: true,
      status: 502,
      times: 3,
    });
    const fault = sandbox.faults.add({
      store: 'sbx1eu',
      method: 'PUT',
      path: '/v2/orders/',
      applyAfterWrite: true,
      errorRate: 0.5,
      status: 502,
    });
    try {
      await Promise.all(
        notes.map(async (note) => {
          const response = await fetch(`${note.instance.url}/api/v1/orders/${note.orderId}/notes`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${note.bearer}`,
              'idempotency-key': note.key,
            },
            body: JSON.stringify({ text: note.text }),
          });
          const body = await response.text();
          assert.ok(
            response.status === 201 || response.status === 202,
            `${note.key}: ${response.status} ${body}`,
          );
          note.ref = (JSON.parse(body) as { ref: string }).ref;
        }),
      );
      await waitFor(
        async () => (await count(`SELECT count(*) AS n FROM note_outbox WHERE status = 'queued'`)) === 0,
        'both outboxes are drained',
        60_000,
      );
    } finally {
      sandbox.faults.remove(certain);
      sandbox.faults.remove(fault);
    }

    const puts = sandbox.requests.filter((r) => r.method === 'PUT').slice(putsBefore);
    assert.ok(puts.filter((r) => r.status >= 500).length >= 3, 'PUTs failed after landing along the way');
    assert.equal(await count(`SELECT count(*) AS n FROM note_outbox WHERE status = 'failed'`), 0);
    assert.equal(new Set(notes.map((n) => n.ref)).size, 100, 'one note per key');
    for (const orderId of orderIds) {
      const staffNotes = data.getOrder(orderId)?.staff_notes ?? '';
      const mine = notes.filter((n) => n.orderId === orderId);
      for (const note of mine) {
        assert.equal(staffNotes.split(note.text).length - 1, 1, `${note.key} text once on ${orderId}`);
        assert.equal(countRef(staffNotes, note.ref), 1, `${note.key} entry once on ${orderId}`);
      }
      assert.equal(
        staffNotes.match(/^--- Note /gm)?.length,
        mine.length,
        `order ${orderId}: no extra entries`,
      );
    }
  });

  it('3. one webhook delivery POSTed to both A and B is processed once: one change for the order', async () => {
    const store = sandbox.store('sbx1eu');
    // A new order awaiting fulfillment: its own webhooks bring it into the index.
    const order = store.mutate.createOrder({
      customerId: eu.registeredWithGuestOrders.customerId,
      statusId: 11,
    });
    const orderId = order.id;
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM index_orders WHERE store_key = 'eu' AND order_id = $1 AND status_id = 11`,
          [orderId],
        )) === 1,
      'the order is indexed as awaiting fulfillment',
      60_000,
    );
    const changesOf = () =>
      count(
        `SELECT count(*) AS n FROM order_changes WHERE store_key = 'eu' AND order_id = $1 AND kind = 'order.status_changed'`,
        [orderId],
      );
    const deliveriesOf = () =>
      count(`SELECT count(*) AS n FROM webhook_deliveries WHERE store_key = 'eu' AND order_id = $1`, [
        orderId,
      ]);
    const before = await changesOf();
    // BigCommerce's own delivery is lost; the one delivery arrives at both instances by hand, byte for byte.
    store.faults.set({ deliveries: { drop: true } });
    try {
      store.mutate.setStatus(orderId, 9);
      await sandbox.settleDeliveries();
    } finally {
      store.faults.clear();
    }
    const body = JSON.stringify({
      scope: 'store/order/statusUpdated',
      store_id: '1',
      data: { type: 'order', id: orderId, status: { previous_status_id: 11, new_status_id: 9 } },
      hash: `two-instances-${orderId}`,
      created_at: Math.floor(Date.now() / 1000),
      producer: 'stores/sbx1eu',
    });
    const deliver = (url: string) =>
      fetch(`${url}/webhooks/bigcommerce/eu`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: WEBHOOK_SECRET },
        body,
      });
    const deliveriesBefore = await deliveriesOf();
    const answers = await Promise.all([deliver(a.url), deliver(b.url)]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200],
    );
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM webhook_deliveries WHERE store_key = 'eu' AND order_id = $1 AND status = 'pending'`,
          [orderId],
        )) === 0 && (await changesOf()) > before,
      'the delivery is processed',
    );
    assert.equal((await deliveriesOf()) - deliveriesBefore, 1, 'the delivery is stored once');
    assert.equal((await changesOf()) - before, 1, 'one change recorded');
  });

  it('4. 60 cold ticket views split over A and B under a 20-per-3-seconds quota: nothing sent into an exhausted window', async () => {
    // Every registered shopper of the store (48), then guests by e-mail: 60 tickets, none seen before.
    const data = sandbox.store('sbx2us').data;
    const guestEmails = [
      ...new Set(data.orders.filter((o) => o.customer_id === 0).map((o) => o.billing_address.email)),
    ];
    const who: Array<{ customer?: number; email?: string }> = [
      ...data.customers.map((c) => ({ customer: c.id })),
      ...guestEmails.map((email) => ({ email })),
    ].slice(0, 60);
    assert.equal(who.length, 60);
    // Sessions first (they cost BigCommerce nothing), each on the instance that will show its view.
    const views = await Promise.all(
      who.map(async (claims, i) => {
        const instance = i % 2 === 0 ? a : b;
        const bearer = await session(instance.url, {
          agent: `four.agent${i}`,
          ticket: `T-TWO-4-${i}`,
          ...claims,
          market: 'us',
        });
        return { instance, bearer };
      }),
    );
    const seen = sandbox.requests.length;

    const statuses = await Promise.all(
      views.map(async ({ instance, bearer }) => (await get(instance.url, bearer, '/api/v1/context')).status),
    );

    const sent = sandbox.requests.slice(seen).filter((r) => r.store === 'sbx2us');
    assert.ok(sent.length > US_QUOTA, `the views needed more than one window (${sent.length} requests)`);
    assert.deepEqual(
      sent.filter((r) => r.status === 429).map((r) => `${r.method} ${r.path}`),
      [],
      'no request was sent into an exhausted window',
    );
    assert.ok(
      statuses.every((status) => status === 200 || status === 504),
      `views answered ${[...new Set(statuses)].join(', ')}`,
    );
    // Waiting calls go by deadline, so the views that started first get all their calls through and answer.
    assert.ok(
      statuses.some((status) => status === 200),
      'some views answered within their budget despite the burst',
    );
    // A burst this size cannot be served within the request budget at 20 per 3 s: the views that wait too long
    // answer 504 upstream_timeout instead of pushing BigCommerce past its quota (the throttle serves the earliest
    // deadlines first, so those that started first answer 200). Afterwards views are served.
    const first = views[0]!;
    await waitFor(
      async () => (await get(first.instance.url, first.bearer, '/api/v1/context')).status === 200,
      'a view is served again after the burst',
      60_000,
    );
    const all = sandbox.requests.slice(seen).filter((r) => r.store === 'sbx2us');
    assert.deepEqual(
      all.filter((r) => r.status === 429).map((r) => `${r.method} ${r.path}`),
      [],
      'still no request sent into an exhausted window',
    );
  });

  it('5. the sync leader killed: the other instance leads within a minute, and a later change reaches the index once', async () => {
    const leads = (child: Child): boolean => {
      let leading = false;
      for (const line of child.output().split('\n')) {
        if (!line.includes('"storeKey":"eu"')) continue;
        if (line.includes('now leads the store’s sync')) leading = true;
        if (line.includes('no longer leads the store’s sync')) leading = false;
      }
      return leading;
    };
    await waitFor(() => leads(a) || leads(b), 'one instance leads the EU store’s sync');
    assert.ok(!(leads(a) && leads(b)), 'never both');
    const [leader, other] = leads(a) ? [a, b] : [b, a];

    lb.backends.delete(leader.url);
    await kill(leader);
    await waitFor(() => leads(other), `${other.name} leads after ${leader.name} was killed`, 60_000);

    // The change's webhook is lost: only the new leader's delta run can bring it in.
    const store = sandbox.store('sbx1eu');
    const order = store.mutate.createOrder({ customerId: eu.plusAddressed.customerId, statusId: 11 });
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*) AS n FROM index_orders WHERE store_key = 'eu' AND order_id = $1 AND status_id = 11`,
          [order.id],
        )) === 1,
      'the new order is indexed (its webhooks through the load balancer to the survivor)',
    );
    store.faults.set({ deliveries: { drop: true } });
    try {
      store.mutate.setStatus(order.id, 9);
      await sandbox.settleDeliveries();
      // Polled on the feed, then the index read: the delta run writes the two one after the other.
      await waitFor(
        async () =>
          (await count(
            `SELECT count(*) AS n FROM order_changes WHERE store_key = 'eu' AND order_id = $1 AND status_id = 9`,
            [order.id],
          )) > 0,
        'the new leader’s delta run brings the change in',
        90_000,
      );
    } finally {
      store.faults.clear();
    }
    assert.equal(
      await count(
        `SELECT count(*) AS n FROM index_orders WHERE store_key = 'eu' AND order_id = $1 AND status_id = 9`,
        [order.id],
      ),
      1,
      'the index has the new status',
    );
    const changes = await db.query<{ source: string }>(
      `SELECT source FROM order_changes WHERE store_key = 'eu' AND order_id = $1 AND kind = 'order.status_changed' AND status_id = 9`,
      [order.id],
    );
    assert.deepEqual(
      changes.rows.map((row) => row.source),
      ['delta'],
      'the change entered the feed once, by the delta run',
    );
    assert.ok(other.process.exitCode === null, `${other.name} still runs`);
  });
});
