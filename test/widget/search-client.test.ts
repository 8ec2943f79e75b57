import { expect } from '@open-wc/testing';
import { createBffClient } from '../../widget/src/bff-client.js';
import type { BffError } from '../../widget/src/bff-error.js';
import { linkTicket, searchCustomers, undoLink } from '../../widget/src/search-client.js';
import { installFakeBff, type FakeBff } from './fake-bff.js';
import * as f from './fixtures.js';

describe('search-client', () => {
  let bff: FakeBff;
  const signal = new AbortController().signal;
  const client = createBffClient({ baseUrl: window.location.origin });
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('searches shoppers, links one and takes the link back, each answer parsed with the shared schemas', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: f.searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: f.linkResponse });
    bff.on('POST /api/v1/links/undo', { status: 200, body: { ticket: 'T-100234', link: null } });

    const found = await searchCustomers(client, 'sess_1', 'lukas öztürk #5', signal);
    const link = await linkTicket(client, 'sess_1', { customerId: 49 }, signal);
    const undone = await undoLink(client, 'sess_1', link.createdAt, signal);

    expect(found.results.map((result) => result.city)).to.deep.equal([
      'Hamburg',
      'Freiburg im Breisgau',
      'Leipzig',
    ]);
    expect(link.undoUntil).to.equal('2026-03-02T10:06:00.000Z');
    expect(undone.link).to.equal(null);
    expect(bff.log()).to.deep.equal([
      'GET /api/v1/customers?q=lukas+%C3%B6zt%C3%BCrk+%235',
      'POST /api/v1/links',
      'POST /api/v1/links/undo',
    ]);
    expect(bff.requests.map((request) => request.body)).to.deep.equal([
      undefined,
      { customerId: 49 },
      { createdAt: '2026-03-02T10:05:00.000Z' },
    ]);
    expect(bff.requests[2]!.headers.get('Authorization')).to.equal('Bearer sess_1');
  });

  it('reports a search answer that fails the shared schema as invalid_response', async () => {
    const { results, ...withoutResults } = f.searchResult;
    void results;
    bff.on('GET /api/v1/customers', { status: 200, body: withoutResults });

    const error = await searchCustomers(client, 'sess_1', 'x', signal).then(
      () => null,
      (reason: unknown) => reason as BffError,
    );

    expect(error?.code).to.equal('invalid_response');
  });
});
