import { expect } from '@open-wc/testing';
import { createBffClient } from '../../widget/src/bff-client.js';
import { BffError } from '../../widget/src/bff-error.js';
import { installFakeBff, type FakeBff } from './fake-bff.js';
import * as f from './fixtures.js';

const BASE = 'https://orders.example.com';

async function caught(promise: Promise<unknown>): Promise<BffError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BffError) return error;
    throw error;
  }
  throw new Error('expected a BffError');
}

/** A fetch that never answers, and rejects the way a real one does when its signal aborts. */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) =>
    init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
  );

describe('createBffClient', () => {
  let bff: FakeBff;
  const signal = new AbortController().signal;
  const client = createBffClient({ baseUrl: `${BASE}/` });

  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('opens a session by POSTing the token, and parses the answer', async () => {
    bff.on('POST /api/v1/session', { status: 201, body: f.session });

    const session = await client.openSession('eyJ.token', signal);

    expect(session.ticket).to.equal('T-100234');
    expect(bff.log()).to.deep.equal(['POST /api/v1/session']);
    expect(bff.requests[0]!.body).to.deep.equal({ token: 'eyJ.token' });
    expect(bff.requests[0]!.headers.get('Content-Type')).to.equal('application/json');
    expect(bff.requests[0]!.headers.has('Authorization')).to.equal(false);
  });

  it('sends the session as a Bearer header and passes cursor and refresh as query', async () => {
    bff.on('GET /api/v1/context', { status: 200, body: f.context });

    await client.getContext('sess_1', {}, signal);
    await client.getContext('sess_1', { cursor: 'abc/+=', refresh: true }, signal);

    expect(bff.log()).to.deep.equal([
      'GET /api/v1/context',
      'GET /api/v1/context?cursor=abc%2F%2B%3D&refresh=1',
    ]);
    expect(bff.requests[1]!.headers.get('Authorization')).to.equal('Bearer sess_1');
  });

  it('gets an order, with refresh=1 only when asked', async () => {
    bff.on('GET /api/v1/orders/1002', { status: 200, body: f.orderDetail });

    const order = await client.getOrder('sess_1', 1002, { refresh: true }, signal);

    expect(order.lineItems).to.have.length(2);
    expect(bff.log()).to.deep.equal(['GET /api/v1/orders/1002?refresh=1']);
  });

  it('posts a note with its Idempotency-Key and accepts 202 queued', async () => {
    bff.on('POST /api/v1/orders/1002/notes', { status: 202, body: f.note('queued') });

    const result = await client.postNote('sess_1', 1002, { text: 'Hi', idempotencyKey: 'key-1' }, signal);

    expect(result.status).to.equal('queued');
    expect(bff.requests[0]!.headers.get('Idempotency-Key')).to.equal('key-1');
    expect(bff.requests[0]!.body).to.deep.equal({ text: 'Hi' });
  });

  it('maps an error body to a BffError with code, message, correlation ID and status', async () => {
    bff.on('GET /api/v1/context', { status: 503, body: f.errorBody('upstream_unavailable', 'corr-9') });

    const error = await caught(client.getContext('sess_1', {}, signal));

    expect([error.code, error.correlationId, error.status]).to.deep.equal([
      'upstream_unavailable',
      'corr-9',
      503,
    ]);
    expect(error.message).to.equal('Server message for upstream_unavailable.');
  });

  it('reports an answer that fails the shared schema as invalid_response', async () => {
    bff.on('GET /api/v1/orders/1', {
      status: 200,
      body: { ...f.orderDetail, totals: { total: 12.5 } },
      headers: { 'X-Correlation-Id': 'corr-7' },
    });

    const error = await caught(client.getOrder('sess_1', 1, {}, signal));

    expect([error.code, error.correlationId]).to.deep.equal(['invalid_response', 'corr-7']);
  });

  it('reports an error status without our error body (a proxy page) as invalid_response', async () => {
    bff.on('GET /api/v1/context', { status: 502, body: '<html>Bad gateway</html>' });

    const error = await caught(client.getContext('sess_1', {}, signal));

    expect([error.code, error.status]).to.deep.equal(['invalid_response', 502]);
  });

  it('reports a failed connection as network_error', async () => {
    bff.on('GET /api/v1/context', 'network-error');

    const error = await caught(client.getContext('sess_1', {}, signal));

    expect([error.code, error.status, error.correlationId]).to.deep.equal(['network_error', 0, null]);
  });

  it('reports a hanging call as timeout', async () => {
    const viaHanging = createBffClient({ baseUrl: BASE, timeoutMs: 20, fetch: hangingFetch });

    const error = await caught(viaHanging.getContext('sess_1', {}, signal));

    expect(error.code).to.equal('timeout');
  });

  it('passes an abort by the caller through, not as an error to show', async () => {
    const controller = new AbortController();
    const viaHanging = createBffClient({ baseUrl: BASE, fetch: hangingFetch });

    const pending = viaHanging.getContext('sess_1', {}, controller.signal);
    controller.abort();

    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });
});
