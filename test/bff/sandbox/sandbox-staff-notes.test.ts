import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SANDBOX_PERSONAS,
  STAFF_NOTES_MAX_LENGTH,
  startSandbox,
  type Sandbox,
} from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

type Order = {
  id: number;
  staff_notes: string;
  date_modified: string;
  status_id: number;
  custom_status: string;
};
const eu = SANDBOX_PERSONAS.sbx1eu;

describe('sandbox PUT /v2/orders/{id} staff_notes', () => {
  let sandbox: Sandbox;
  let clock = Date.UTC(2026, 10, 20, 9, 0, 0);
  before(async () => {
    sandbox = await startSandbox({ quota: 10_000, now: () => clock });
  });
  after(() => sandbox.close());

  it('replaces the whole string, returns the full order and bumps date_modified', async () => {
    const path = `/v2/orders/${eu.orders.withStaffNotes}`;
    const before = (await callSandbox(sandbox, path)).json as Order;
    assert.notEqual(before.staff_notes, '', 'the persona order starts with notes');

    const put = await callSandbox(sandbox, path, {
      method: 'PUT',
      body: { staff_notes: 'Only this line now.' },
    });
    const read = (await callSandbox(sandbox, path)).json as Order;

    assert.equal(put.status, 200);
    assert.equal((put.json as Order).id, eu.orders.withStaffNotes);
    assert.equal((put.json as Order).staff_notes, 'Only this line now.');
    assert.equal(read.staff_notes, 'Only this line now.');
    assert.equal(read.date_modified, 'Fri, 20 Nov 2026 09:00:00 +0000');
  });

  it('makes a written order show up in a min_date_modified delta', async () => {
    clock = Date.UTC(2026, 10, 21, 9, 0, 0);
    await callSandbox(sandbox, `/v2/orders/${eu.orders.refunded}`, {
      method: 'PUT',
      body: { staff_notes: 'delta' },
    });

    const delta = await callSandbox(
      sandbox,
      `/v2/orders?min_date_modified=${encodeURIComponent('Sat, 21 Nov 2026 08:59:00 +0000')}&sort=date_modified:asc`,
    );

    assert.deepEqual(
      (delta.json as Order[]).map((o) => o.id),
      [eu.orders.refunded],
    );
  });

  it('accepts exactly 65535 characters and rejects 65536 with a v2 400, leaving the notes unchanged', async () => {
    const path = `/v2/orders/${eu.orders.twoShippingAddresses}`;
    const longest = 'ä'.repeat(STAFF_NOTES_MAX_LENGTH);

    const ok = await callSandbox(sandbox, path, { method: 'PUT', body: { staff_notes: longest } });
    const tooLong = await callSandbox(sandbox, path, { method: 'PUT', body: { staff_notes: `${longest}x` } });
    const read = (await callSandbox(sandbox, path)).json as Order;

    assert.equal(ok.status, 200);
    assert.equal(tooLong.status, 400);
    assert.equal((tooLong.json as { status: number }[])[0]!.status, 400);
    assert.equal(read.staff_notes, longest);
  });

  it('rejects external_id and other read-only fields with 400', async () => {
    const path = `/v2/orders/${eu.orders.incomplete}`;

    const external = await callSandbox(sandbox, path, {
      method: 'PUT',
      body: { staff_notes: 'x', external_id: 'a' },
    });
    const total = await callSandbox(sandbox, path, { method: 'PUT', body: { total_inc_tax: '1.0000' } });
    const read = (await callSandbox(sandbox, path)).json as Order;

    assert.equal(external.status, 400);
    assert.match((external.json as { message: string }[])[0]!.message, /external_id/);
    assert.equal(total.status, 400);
    assert.notEqual(read.staff_notes, 'x', 'a rejected PUT changes nothing');
  });

  it('rejects a non-string staff_notes and malformed JSON with 400', async () => {
    const path = `/v2/orders/${eu.orders.incomplete}`;

    const number = await callSandbox(sandbox, path, { method: 'PUT', body: { staff_notes: 5 } });
    const broken = await fetch(`${sandbox.url}/stores/sbx1eu${path}`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': 'sandbox-token-eu', 'Content-Type': 'application/json' },
      body: '{"staff_notes": ',
    });

    assert.equal(number.status, 400);
    assert.equal(broken.status, 400);
  });

  it('updates status_id and the merchant label together', async () => {
    const path = `/v2/orders/${eu.orders.partiallyShipped}`;

    const put = await callSandbox(sandbox, path, { method: 'PUT', body: { status_id: 11 } });

    assert.equal((put.json as Order).status_id, 11);
    assert.equal((put.json as Order).custom_status, 'In Bearbeitung');
  });

  it('answers a PUT to an unknown order with 404', async () => {
    const put = await callSandbox(sandbox, `/v2/orders/${eu.unknownOrderId}`, {
      method: 'PUT',
      body: { staff_notes: 'x' },
    });

    assert.equal(put.status, 404);
  });

  it('serves a colleague edit made through data.setStaffNotes', async () => {
    sandbox.store('sbx1eu').data.setStaffNotes(eu.orders.guestOrder, 'Edited in the control panel');

    const read = (await callSandbox(sandbox, `/v2/orders/${eu.orders.guestOrder}`)).json as Order;

    assert.equal(read.staff_notes, 'Edited in the control panel');
  });
});
