import type {
  CustomerSearchResponse,
  LinkRequest,
  LinkResponse,
  LinkUndoResponse,
} from '../../shared/customers.js';
import type { BffClient } from './bff-client.js';

/**
 * The shopper search and links (`links:write`): GET /api/v1/customers, POST /api/v1/links and /links/undo. Loaded
 * with the search: only agents who search carry the calls, their schemas in a chunk of their own (search-schemas.ts).
 */
export async function searchCustomers(
  client: Pick<BffClient, 'request'>,
  session: string,
  query: string,
  signal: AbortSignal,
): Promise<CustomerSearchResponse> {
  const { CustomerSearchResponse } = await import('./search-schemas.js');
  return client.request(
    CustomerSearchResponse,
    { method: 'GET', path: `/api/v1/customers?${new URLSearchParams({ q: query }).toString()}`, session },
    signal,
  );
}

export async function linkTicket(
  client: Pick<BffClient, 'request'>,
  session: string,
  request: LinkRequest,
  signal: AbortSignal,
): Promise<LinkResponse> {
  const { LinkResponse } = await import('./search-schemas.js');
  return client.request(
    LinkResponse,
    { method: 'POST', path: '/api/v1/links', session, body: request },
    signal,
  );
}

/** Takes back the link made at `createdAt` (its LinkResponse's), within its minute. */
export async function undoLink(
  client: Pick<BffClient, 'request'>,
  session: string,
  createdAt: string,
  signal: AbortSignal,
): Promise<LinkUndoResponse> {
  const { LinkUndoResponse } = await import('./search-schemas.js');
  return client.request(
    LinkUndoResponse,
    { method: 'POST', path: '/api/v1/links/undo', session, body: { createdAt } },
    signal,
  );
}
