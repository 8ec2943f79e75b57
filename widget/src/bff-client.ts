import type * as z from 'zod/mini';
import { ContextResponse, type ContextFilter } from '../../shared/context.js';
import { ErrorBody } from '../../shared/errors.js';
import { NoteResponse } from '../../shared/notes.js';
import { OrderDetail } from '../../shared/order.js';
import { SessionResponse } from '../../shared/session.js';
import { BffError, createClientError } from './bff-error.js';

export interface BffClientOptions {
  /** Origin (optionally with a path prefix) of the BFF, e.g. `https://orders.example.com`. */
  baseUrl: string;
  /** Injected for tests; defaults to the page's `fetch`, looked up per call. */
  fetch?: typeof fetch;
  /** An agent is waiting: a call that hangs longer than this becomes a `timeout` error with a Retry. */
  timeoutMs?: number;
}

export interface NoteInput {
  text: string;
  /** The same key for every retry of the same note: the BFF then never writes it twice. */
  idempotencyKey: string;
}

/** One call to the BFF: its answer is parsed with `schema` (a shared/ DTO); failures are BffErrors. */
export type BffRequest = <S extends z.ZodMiniType>(
  schema: S,
  spec: RequestSpec,
  signal: AbortSignal,
) => Promise<z.output<S>>;

export interface BffClient {
  /**
   * The building block of every call below, for parts loaded on demand that bring their own call and schema
   * (the status change, the shopper search and links), so the widget's entry does not carry them.
   */
  request: BffRequest;
  openSession(token: string, signal: AbortSignal): Promise<SessionResponse>;
  getContext(
    session: string,
    options: { cursor?: string | null; refresh?: boolean; filter?: ContextFilter | null },
    signal: AbortSignal,
  ): Promise<ContextResponse>;
  getOrder(
    session: string,
    orderId: number,
    options: { refresh?: boolean },
    signal: AbortSignal,
  ): Promise<OrderDetail>;
  postNote(session: string, orderId: number, note: NoteInput, signal: AbortSignal): Promise<NoteResponse>;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  session?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export function createBffClient(options: BffClientOptions): BffClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Looked up per call (not captured) so a test may stub window.fetch after the client exists.
  const send = (url: string, init: RequestInit): Promise<Response> =>
    options.fetch ? options.fetch(url, init) : fetch(url, init);

  async function request<S extends z.ZodMiniType>(
    schema: S,
    spec: RequestSpec,
    signal: AbortSignal,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    if (spec.session !== undefined) headers.Authorization = `Bearer ${spec.session}`;
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let payload: unknown;
    try {
      response = await send(`${base}${spec.path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.any([signal, timeout]),
        // The session travels as a Bearer header; cookies would not work in a third-party iframe anyway.
        credentials: 'omit',
        cache: 'no-store',
      });
      payload = await readJson(response);
    } catch (error) {
      // The caller gave up (a newer run, the element left the page): not an error to show anybody.
      if (signal.aborted) throw signal.reason ?? error;
      if (timeout.aborted) throw createClientError('timeout', 'The service did not answer in time.');
      throw createClientError('network_error', describe(error));
    }
    const headerId = response.headers.get('X-Correlation-Id');
    if (!response.ok) {
      const body = ErrorBody.safeParse(payload);
      if (body.success) throw new BffError({ ...body.data.error, status: response.status });
      // A proxy or gateway answered, not the BFF.
      throw new BffError({
        code: 'invalid_response',
        message: `Unexpected HTTP ${response.status} without an error body.`,
        correlationId: headerId,
        status: response.status,
      });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new BffError({
        code: 'invalid_response',
        message: 'The service sent data the widget cannot read.',
        correlationId: headerId,
        status: response.status,
      });
    }
    return parsed.data;
  }

  return {
    request,
    openSession: (token, signal) =>
      request(SessionResponse, { method: 'POST', path: '/api/v1/session', body: { token } }, signal),

    getContext: (session, { cursor, refresh, filter }, signal) =>
      request(
        ContextResponse,
        { method: 'GET', path: withQuery('/api/v1/context', { ...filter, cursor, refresh }), session },
        signal,
      ),

    getOrder: (session, orderId, { refresh }, signal) =>
      request(
        OrderDetail,
        {
          method: 'GET',
          path: withQuery(`/api/v1/orders/${encodeURIComponent(orderId)}`, { refresh }),
          session,
        },
        signal,
      ),

    postNote: (session, orderId, note, signal) =>
      request(
        NoteResponse,
        {
          method: 'POST',
          path: `/api/v1/orders/${encodeURIComponent(orderId)}/notes`,
          session,
          body: { text: note.text },
          headers: { 'Idempotency-Key': note.idempotencyKey },
        },
        signal,
      ),
  };
}

function withQuery(path: string, query: Record<string, string | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === true) params.set(key, '1');
    else if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Non-JSON (an HTML error page from a proxy): let schema validation report it.
    return text;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'The network request failed.';
}
