import { StatusChangeResponse, type StatusChangeRequest } from '../../shared/status-change.js';
import type { BffClient } from './bff-client.js';

/**
 * POST /api/v1/orders/:orderId/status (DESIGN §11). Its own module, loaded with the status dialog: only agents
 * who may change a status carry the call and its schema. The same key for every retry of the same change: the
 * BFF then never writes it twice, and answers a change that landed while its answer was lost.
 */
export function changeStatus(
  client: Pick<BffClient, 'request'>,
  session: string,
  orderId: number,
  change: StatusChangeRequest,
  idempotencyKey: string,
  signal: AbortSignal,
): Promise<StatusChangeResponse> {
  return client.request(
    StatusChangeResponse,
    {
      method: 'POST',
      path: `/api/v1/orders/${encodeURIComponent(orderId)}/status`,
      session,
      body: change,
      headers: { 'Idempotency-Key': idempotencyKey },
    },
    signal,
  );
}
