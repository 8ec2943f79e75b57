import { expect } from '@open-wc/testing';
import { AdminClientError, createAdminClient } from '../../../widget/src/console/admin-client.js';
import { statusOf, storeStatus } from './console-fixtures.js';

const healthyStatus = () => statusOf(storeStatus('eu'), storeStatus('us'));

function stubFetch(respond: (url: string, init: RequestInit) => Response) {
  const seen: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    seen.push({ url, init: init ?? {} });
    return respond(url, init ?? {});
  }) as typeof window.fetch;
  return { fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

describe('the console’s admin client', () => {
  it('reads the status with the admin token as a bearer and parses it', async () => {
    const { fetch, seen } = stubFetch(() => json(200, healthyStatus()));
    const client = createAdminClient({ baseUrl: 'https://bff.example/', fetch });

    const status = await client.status('admin-token-0123456789', new AbortController().signal);

    expect(status.stores.map((store) => store.key)).to.deep.equal(['eu', 'us']);
    expect(seen[0]?.url).to.equal('https://bff.example/api/v1/admin/status');
    expect((seen[0]?.init.headers as Record<string, string>).Authorization).to.equal(
      'Bearer admin-token-0123456789',
    );
    expect(seen[0]?.init.credentials).to.equal('omit');
  });

  it('asks the error log with the query, and posts actions to the store’s action path', async () => {
    const { fetch, seen } = stubFetch((url) =>
      url.includes('/actions/')
        ? json(202, {
            action: 'run-delta',
            store: 'eu',
            outcome: 'started',
            message: 'A delta run started.',
            at: '2026-11-28T09:00:00.000Z',
            correlationId: 'corr-1',
          })
        : json(200, { entries: [] }),
    );
    const client = createAdminClient({ baseUrl: 'https://bff.example', fetch });
    const signal = new AbortController().signal;

    await client.errors('t', { correlationId: 'corr-12345678', store: 'eu' }, signal);
    const answer = await client.runAction('t', 'eu', 'run-delta', signal);

    expect(seen.map((call) => `${call.init.method} ${call.url}`)).to.deep.equal([
      'GET https://bff.example/api/v1/admin/errors?correlationId=corr-12345678&store=eu&limit=50',
      'POST https://bff.example/api/v1/admin/stores/eu/actions/run-delta',
    ]);
    expect(answer.outcome).to.equal('started');
  });

  it('turns an error body into an AdminClientError with its code, status and correlation ID', async () => {
    const { fetch } = stubFetch(() =>
      json(401, { error: { code: 'unauthorized', message: 'Token needed.', correlationId: 'corr-2' } }),
    );
    const client = createAdminClient({ baseUrl: 'https://bff.example', fetch });

    const error = await client.status('', new AbortController().signal).catch((e: unknown) => e);

    expect(error).to.be.instanceOf(AdminClientError);
    expect((error as AdminClientError).code).to.equal('unauthorized');
    expect((error as AdminClientError).correlationId).to.equal('corr-2');
    expect((error as AdminClientError).refusesToken).to.equal(true);
  });

  it('refuses an answer that is not the contract, naming the response’s correlation ID', async () => {
    const { fetch } = stubFetch(() => json(200, { stores: 'nope' }, { 'X-Correlation-Id': 'corr-3' }));
    const client = createAdminClient({ baseUrl: 'https://bff.example', fetch });

    const error = (await client
      .status('t', new AbortController().signal)
      .catch((e: unknown) => e)) as AdminClientError;

    expect(error.code).to.equal('invalid_response');
    expect(error.correlationId).to.equal('corr-3');
    expect(error.refusesToken).to.equal(false);
  });
});
