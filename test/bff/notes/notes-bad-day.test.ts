// A note can always be left for an order the agent has open (issue 9, A1): with BigCommerce refusing
// connections, hanging or throttling, the note is accepted (202, durably queued) within the request's budget
// and written exactly once when BigCommerce is back. Only an order the product has never seen is refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NoteResponse } from '../../../shared/notes.js';
import { ErrorBody } from '../../../shared/errors.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { countRef, startNotesHarness, STORE_HASH, type NotesHarness } from './notes-harness.js';

const personas = SANDBOX_PERSONAS.sbx1eu;

interface Outage {
  name: string;
  start(h: NotesHarness, proxy: TcpProxy): Promise<() => Promise<void>>;
  code: string;
}

const OUTAGES: Outage[] = [
  {
    name: 'refuses connections',
    code: 'upstream_unavailable',
    async start(_h, proxy) {
      await proxy.down();
      return () => proxy.up();
    },
  },
  {
    name: 'hangs',
    code: 'upstream_timeout',
    async start(h) {
      const rule = h.sandbox.faults.add({ hangRate: 1 });
      return async () => h.sandbox.faults.remove(rule);
    },
  },
  {
    name: 'throttles (429 with a long reset)',
    code: 'upstream_rate_limited',
    async start(h) {
      const rule = h.sandbox.faults.add({ rateLimit: { withHeaders: true, resetMs: 20_000 } });
      return async () => h.sandbox.faults.remove(rule);
    },
  },
];

describe('a note while BigCommerce is down', () => {
  let h: NotesHarness;
  let proxy: TcpProxy;

  before(async () => {
    proxy = await startTcpProxy();
    h = await startNotesHarness({
      apiUrl: (sandboxUrl) => {
        proxy.setTarget(sandboxUrl);
        return proxy.url;
      },
      inlineBudget: true,
      // A hung call holds for 30 s per attempt: only the request's budget and the attempt's deadline end it.
      timeoutMs: 30_000,
      env: { REQUEST_BUDGET_SECONDS: '1', NOTE_ATTEMPT_TIMEOUT_SECONDS: '1' },
    });
  });

  after(async () => {
    await h.close();
    await proxy.close();
  });

  const claims = (ticket: string) => ({
    agent: 'dana',
    ticket,
    customer: String(personas.registered.customerId),
    scope: 'orders:read notes:write',
  });

  for (const [index, outage] of OUTAGES.entries()) {
    it(
      `is accepted (202) while BigCommerce ${outage.name}, and written once when it is back`,
      { timeout: 20_000 },
      async () => {
        const ticket = `T-OUTAGE-${index}`;
        const orderId = personas.orders.shippedWithTracking;
        const session = await h.openSession(claims(ticket));
        // The agent has the ticket open: its context listed the order.
        const context = await fetch(`${h.app.url}/api/v1/context`, {
          headers: { authorization: `Bearer ${session}` },
        });
        assert.equal(context.status, 200);
        const heal = await outage.start(h, proxy);

        const answer = await h.postNote(
          session,
          orderId,
          { text: `Left during an outage (${outage.name}).` },
          `outage-${index}`,
        );

        assert.equal(answer.status, 202, answer.text);
        const note = NoteResponse.parse(answer.body);
        assert.equal(note.status, 'queued');
        await h.app.notes.service.whenIdle();
        assert.equal((await h.app.notes.outbox.findByRef(note.ref))?.errorCode, outage.code);

        await heal();
        await h.drain();

        const replay = await h.postNote(
          session,
          orderId,
          { text: `Left during an outage (${outage.name}).` },
          `outage-${index}`,
        );
        assert.equal(replay.status, 201);
        const staffNotes = h.sandbox.store(STORE_HASH).data.getOrder(orderId)?.staff_notes ?? '';
        assert.equal(countRef(staffNotes, note.ref), 1);
      },
    );
  }

  it(
    'refuses an order the product has never seen with 503 order_unverified, storing nothing',
    { timeout: 20_000 },
    async () => {
      const session = await h.openSession(claims('T-OUTAGE-UNSEEN'));
      await proxy.down();
      try {
        const answer = await h.postNote(
          session,
          personas.orders.refunded,
          { text: 'Never seen.' },
          'outage-unseen',
        );

        assert.equal(answer.status, 503);
        assert.equal(ErrorBody.parse(answer.body).error.code, 'order_unverified');
        assert.equal(
          await h.app.notes.outbox.findByKey('T-OUTAGE-UNSEEN', 'dana', 'outage-unseen'),
          undefined,
        );
      } finally {
        await proxy.up();
      }
    },
  );
});
