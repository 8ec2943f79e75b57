// What every sandbox route shares: the reply shape, BigCommerce's two error bodies, v2/v3 paging and the
// JSON body reader. Conventions copied from BigCommerce (reference bigcommerce-api.md (i), (j)): v2 bare
// arrays with 204 on an empty page and `[{status, message}]` errors; v3 `{data, meta}` and
// `{status, title, type, errors}` errors.
import type { SandboxData } from './create-sandbox-data.js';
import type { StoreRuntime } from './store-runtime.js';

export interface SandboxReply {
  status: number;
  /** undefined = empty body (204). */
  body?: unknown;
}

export interface RouteRequest {
  data: SandboxData;
  /** The store the request is for: its hooks, mutations and identity. */
  store: StoreRuntime;
  params: string[];
  query: URLSearchParams;
  /** Raw request body text ('' when none). */
  body: string;
  now: () => number;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(request: RouteRequest): SandboxReply;
}

export const V2_NOT_FOUND = 'The requested resource was not found.';
export const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
export const MAX_LIMIT = 250;

export function v2Error(status: number, message: string): SandboxReply {
  return { status, body: [{ status, message }] };
}

export function v3Error(status: number, title: string, errors: Record<string, string> = {}): SandboxReply {
  return { status, body: { status, title, type: V3_ERROR_TYPE, errors } };
}

/** Error body in the shape of the API family the path belongs to. */
export function errorFor(path: string, status: number, message: string): SandboxReply {
  return path.startsWith('/v3/') ? v3Error(status, message) : v2Error(status, message);
}

export type Paging = { page: number; limit: number };

export function parsePaging(query: URLSearchParams, v3: boolean): Paging | SandboxReply {
  const page = query.has('page') ? Number(query.get('page')) : 1;
  const limit = query.has('limit') ? Number(query.get('limit')) : 50;
  const bad = (field: string): SandboxReply =>
    v3
      ? v3Error(422, `The field '${field}' is invalid.`, { [field]: 'must be a positive integer' })
      : v2Error(400, `The field '${field}' is invalid.`);
  if (!Number.isInteger(page) || page < 1) return bad('page');
  if (!Number.isInteger(limit) || limit < 1) return bad('limit');
  // BigCommerce answers 413 when a request asks for more objects than allowed (250 for bulk reads).
  if (limit > MAX_LIMIT) {
    return v3
      ? v3Error(413, `The limit may not exceed ${MAX_LIMIT}.`, { limit: `must be ${MAX_LIMIT} or less` })
      : v2Error(413, `The limit may not exceed ${MAX_LIMIT}.`);
  }
  return { page, limit };
}

export const isReply = (value: object): value is SandboxReply => 'status' in value;

/** v2 page: bare array, or 204 with no body when the page is empty. */
export function v2Page<T>(items: readonly T[], query: URLSearchParams): SandboxReply {
  const paging = parsePaging(query, false);
  if (isReply(paging)) return paging;
  const slice = items.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
  return slice.length ? { status: 200, body: slice } : { status: 204 };
}

export function v3Envelope<T>(items: readonly T[], paging: Paging, extraQuery = ''): unknown {
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / paging.limit));
  const data = items.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
  const link = (page: number): string => `?page=${page}&limit=${paging.limit}${extraQuery}`;
  const links: Record<string, string> = { current: link(paging.page) };
  if (paging.page > 1) links['previous'] = link(paging.page - 1);
  if (paging.page < totalPages) links['next'] = link(paging.page + 1);
  return {
    data,
    meta: {
      pagination: {
        total,
        count: data.length,
        per_page: paging.limit,
        current_page: paging.page,
        total_pages: totalPages,
        links,
      },
    },
  };
}

/** Integer path parameter; -1 when it is not one (no record has that id, so handlers answer 404). */
export function intParam(request: RouteRequest, index = 0): number {
  const id = Number(request.params[index]);
  return Number.isInteger(id) ? id : -1;
}

export function splitCsv(value: string | null): string[] | null {
  if (value === null) return null;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Parses a JSON object body; a string is the error message for a 400/422. Empty body = {}. */
export function readJsonObject(body: string): Record<string, unknown> | string {
  let parsed: unknown;
  try {
    parsed = body.trim() ? JSON.parse(body) : {};
  } catch {
    return 'The request body is not valid JSON.';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return 'The request body must be a JSON object.';
  }
  return parsed as Record<string, unknown>;
}
