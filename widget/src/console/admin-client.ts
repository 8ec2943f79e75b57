import type * as z from 'zod/mini';
import {
  AdminActionResponse,
  AdminErrorsResponse,
  AdminStatusResponse,
  type AdminAction,
} from '../../../shared/admin.js';
import { ErrorBody } from '../../../shared/errors.js';

/** A failed console call: `code` from the BFF's catalog (or `network_error`, `invalid_response`, `timeout`). */
export class AdminClientError extends Error {
  override readonly name = 'AdminClientError';
  readonly code: string;
  readonly status: number;
  readonly correlationId: string | null;

  constructor(init: { code: string; message: string; status: number; correlationId: string | null }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.correlationId = init.correlationId;
  }

  /** The token is missing or wrong: the console asks for it again. */
  get refusesToken(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface ErrorQuery {
  correlationId?: string;
  store?: string;
  limit?: number;
}

export interface AdminClient {
  status(token: string, signal: AbortSignal): Promise<AdminStatusResponse>;
  errors(token: string, query: ErrorQuery, signal: AbortSignal): Promise<AdminErrorsResponse>;
  runAction(
    token: string,
    store: string,
    action: AdminAction,
    signal: AbortSignal,
  ): Promise<AdminActionResponse>;
}

export interface AdminClientOptions {
  /** Where the BFF is: the console's script is served at `<base>admin/admin.js`. */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The console's only door to the BFF: every answer parsed with the shared schemas, every failure one error type. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const send = (url: string, init: RequestInit) =>
    options.fetch ? options.fetch(url, init) : fetch(url, init);

  async function request<S extends z.ZodMiniType>(
    schema: S,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    signal: AbortSignal,
  ): Promise<z.output<S>> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let payload: unknown;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
        signal: AbortSignal.any([signal, timeout]),
        credentials: 'omit',
        cache: 'no-store',
      });
      const text = await response.text();
      payload = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      const code = timeout.aborted
        ? 'timeout'
        : error instanceof SyntaxError
          ? 'invalid_response'
          : 'network_error';
      throw new AdminClientError({
        code,
        message: error instanceof Error ? error.message : String(error),
        status: 0,
        correlationId: null,
      });
    }
    const correlationId = response.headers.get('X-Correlation-Id');
    if (!response.ok) {
      const body = ErrorBody.safeParse(payload);
      throw new AdminClientError(
        body.success
          ? { ...body.data.error, status: response.status }
          : {
              code: 'invalid_response',
              message: `HTTP ${response.status} without an error body.`,
              status: response.status,
              correlationId,
            },
      );
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new AdminClientError({
        code: 'invalid_response',
        message: 'The service sent data the console cannot read.',
        status: response.status,
        correlationId,
      });
    }
    return parsed.data;
  }

  return {
    status: (token, signal) => request(AdminStatusResponse, 'GET', '/api/v1/admin/status', token, signal),
    errors(token, query, signal) {
      const params = new URLSearchParams();
      if (query.correlationId) params.set('correlationId', query.correlationId);
      if (query.store) params.set('store', query.store);
      params.set('limit', String(query.limit ?? 50));
      return request(AdminErrorsResponse, 'GET', `/api/v1/admin/errors?${params}`, token, signal);
    },
    runAction: (token, store, action, signal) =>
      request(
        AdminActionResponse,
        'POST',
        `/api/v1/admin/stores/${encodeURIComponent(store)}/actions/${action}`,
        token,
        signal,
      ),
  };
}
