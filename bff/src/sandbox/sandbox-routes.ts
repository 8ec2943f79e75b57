// The BigCommerce endpoints the sandbox serves, as pure functions of (data, request) -> reply.
// Conventions copied from BigCommerce: v2 bare arrays with 204 on an empty page, v3 {data, meta}, v2 error
// arrays, v3 error objects. See /work/shared/reference/bigcommerce-api.md sections (b), (c), (d), (i), (j).
import type { SandboxData } from './create-sandbox-data.js';
import { formatIso, parseDateFilter } from './format.js';
import type { RawCustomer, RawOrder } from './types.js';

export interface SandboxReply {
  status: number;
  /** undefined = empty body (204). */
  body?: unknown;
}

export interface RouteRequest {
  data: SandboxData;
  params: string[];
  query: URLSearchParams;
  /** Raw request body text ('' when none). */
  body: string;
  now: () => number;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle(request: RouteRequest): SandboxReply;
}

export const V2_NOT_FOUND = 'The requested resource was not found.';
export const V3_ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
export const MAX_LIMIT = 250;
export const STAFF_NOTES_MAX_LENGTH = 65535;

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

type Paging = { page: number; limit: number };

function parsePaging(query: URLSearchParams, v3: boolean): Paging | SandboxReply {
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

const isReply = (value: Paging | SandboxReply): value is SandboxReply => 'status' in value;

/** v2 page: bare array, or 204 with no body when the page is empty. */
function v2Page<T>(items: readonly T[], query: URLSearchParams): SandboxReply {
  const paging = parsePaging(query, false);
  if (isReply(paging)) return paging;
  const slice = items.slice((paging.page - 1) * paging.limit, paging.page * paging.limit);
  return slice.length ? { status: 200, body: slice } : { status: 204 };
}

function v3Envelope<T>(items: readonly T[], paging: Paging, extraQuery = ''): unknown {
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

function orderId(request: RouteRequest): number {
  const id = Number(request.params[0]);
  return Number.isInteger(id) ? id : -1;
}

const ORDER_SORT_FIELDS = [
  'id',
  'customer_id',
  'date_created',
  'date_modified',
  'status_id',
  'channel_id',
] as const;
type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];

function sortKey(order: RawOrder, field: OrderSortField): number {
  if (field === 'date_created' || field === 'date_modified') return Date.parse(order[field]);
  return order[field];
}

function listOrders(request: RouteRequest): SandboxReply {
  const { data, query } = request;
  const intFilter = (name: string): number | null | SandboxReply => {
    if (!query.has(name)) return null;
    const value = Number(query.get(name));
    return Number.isInteger(value) ? value : v2Error(400, `The field '${name}' is invalid.`);
  };
  const filters: Record<string, number | null> = {};
  for (const name of ['customer_id', 'status_id', 'channel_id', 'min_id', 'max_id']) {
    const value = intFilter(name);
    if (value !== null && typeof value === 'object') return value;
    filters[name] = value;
  }
  const dates: Record<string, number | null> = {};
  for (const name of ['min_date_created', 'max_date_created', 'min_date_modified', 'max_date_modified']) {
    const raw = query.get(name);
    if (raw === null) {
      dates[name] = null;
      continue;
    }
    const ms = parseDateFilter(raw);
    if (Number.isNaN(ms)) return v2Error(400, `The field '${name}' is invalid.`);
    dates[name] = ms;
  }
  let sortField: OrderSortField = 'id';
  let descending = false;
  const sort = query.get('sort');
  if (sort) {
    const [field, direction = 'asc'] = sort.split(':');
    if (!ORDER_SORT_FIELDS.includes(field as OrderSortField) || !['asc', 'desc'].includes(direction)) {
      return v2Error(400, `The field 'sort' is invalid.`);
    }
    sortField = field as OrderSortField;
    descending = direction === 'desc';
  }
  const email = query.get('email');
  // Use the seed-time indexes so a filtered list costs O(that shopper's orders), not O(all orders).
  let candidates: readonly RawOrder[] =
    filters['customer_id'] !== null
      ? data.getOrdersByCustomer(filters['customer_id'] ?? 0)
      : email !== null
        ? data.getOrdersByEmail(email)
        : data.orders;
  const emailKey = email?.trim().toLowerCase();
  const inRange = (value: number, min: number | null | undefined, max: number | null | undefined): boolean =>
    (min === null || min === undefined || value >= min) &&
    (max === null || max === undefined || value <= max);
  candidates = candidates.filter(
    (order) =>
      (emailKey === undefined || order.billing_address.email.toLowerCase() === emailKey) &&
      (filters['customer_id'] === null || order.customer_id === filters['customer_id']) &&
      (filters['status_id'] === null || order.status_id === filters['status_id']) &&
      (filters['channel_id'] === null || order.channel_id === filters['channel_id']) &&
      inRange(order.id, filters['min_id'], filters['max_id']) &&
      (dates['min_date_created'] === null && dates['max_date_created'] === null
        ? true
        : inRange(Date.parse(order.date_created), dates['min_date_created'], dates['max_date_created'])) &&
      (dates['min_date_modified'] === null && dates['max_date_modified'] === null
        ? true
        : inRange(Date.parse(order.date_modified), dates['min_date_modified'], dates['max_date_modified'])),
  );
  if (sortField !== 'id' || descending) {
    const sign = descending ? -1 : 1;
    candidates = [...candidates].sort(
      (a, b) => sign * (sortKey(a, sortField) - sortKey(b, sortField)) || sign * (a.id - b.id),
    );
  }
  return v2Page(candidates, query);
}

function countOrders(request: RouteRequest): SandboxReply {
  const counts = new Map<number, number>();
  for (const order of request.data.orders)
    counts.set(order.status_id, (counts.get(order.status_id) ?? 0) + 1);
  return {
    status: 200,
    body: {
      statuses: request.data.statuses.map((s) => ({
        id: s.id,
        name: s.name,
        system_label: s.system_label,
        custom_label: s.custom_label,
        system_description: s.system_description,
        count: counts.get(s.id) ?? 0,
        sort_order: s.order,
      })),
      count: request.data.orders.length,
    },
  };
}

function updateOrder(request: RouteRequest): SandboxReply {
  const order = request.data.getOrder(orderId(request));
  if (!order) return v2Error(404, V2_NOT_FOUND);
  let body: unknown;
  try {
    body = request.body.trim() ? JSON.parse(request.body) : {};
  } catch {
    return v2Error(400, 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return v2Error(400, 'The request body must be a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const changes: { staff_notes?: string; status_id?: number } = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'staff_notes') {
      if (typeof value !== 'string') return v2Error(400, "The field 'staff_notes' must be a string.");
      // BD orders v2 declares maxLength 65535 (characters, i.e. code points).
      if ([...value].length > STAFF_NOTES_MAX_LENGTH) {
        return v2Error(400, `The field 'staff_notes' must be ${STAFF_NOTES_MAX_LENGTH} characters or fewer.`);
      }
      changes.staff_notes = value;
    } else if (key === 'status_id') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 14) {
        return v2Error(400, "The field 'status_id' is invalid.");
      }
      changes.status_id = value;
    } else {
      // external_id is documented as a 400; the sandbox rejects every other field too, so a BFF that
      // writes anything but staff_notes/status_id fails loudly in tests.
      return v2Error(
        400,
        `The field '${key}' cannot be written to. Please remove it from your request before trying again.`,
      );
    }
  }
  return { status: 200, body: request.data.updateOrder(order.id, changes) };
}

function subResource(
  pick: (data: SandboxData) => Map<number, unknown[]>,
): (request: RouteRequest) => SandboxReply {
  return (request) => {
    const id = orderId(request);
    if (!request.data.getOrder(id)) return v2Error(404, V2_NOT_FOUND);
    return v2Page(pick(request.data).get(id) ?? [], request.query);
  };
}

function splitCsv(value: string | null): string[] | null {
  if (value === null) return null;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function listCustomers(request: RouteRequest): SandboxReply {
  const { query } = request;
  const paging = parsePaging(query, true);
  if (isReply(paging)) return paging;
  const emails = splitCsv(query.get('email:in'))?.map((e) => e.toLowerCase());
  const ids = splitCsv(query.get('id:in'))?.map(Number);
  const groups = splitCsv(query.get('customer_group_id:in'))?.map(Number);
  const namesIn = splitCsv(query.get('name:in'))?.map((n) => n.toLowerCase());
  const nameLike = splitCsv(query.get('name:like'))?.map((n) => n.toLowerCase());
  const modifiedMin = query.get('date_modified:min');
  const modifiedMinMs = modifiedMin === null ? null : Date.parse(modifiedMin);
  if (modifiedMinMs !== null && Number.isNaN(modifiedMinMs)) {
    return v3Error(422, "The field 'date_modified:min' is invalid.", { 'date_modified:min': 'invalid date' });
  }
  let customers = request.data.customers.filter((c) => {
    const fullName = `${c.first_name} ${c.last_name}`.toLowerCase();
    return (
      (!emails || emails.includes(c.email.toLowerCase())) &&
      (!ids || ids.includes(c.id)) &&
      (!groups || groups.includes(c.customer_group_id)) &&
      (!namesIn || namesIn.includes(fullName)) &&
      (!nameLike || nameLike.some((part) => fullName.includes(part))) &&
      (modifiedMinMs === null || Date.parse(c.date_modified) >= modifiedMinMs)
    );
  });
  const sort = query.get('sort');
  if (sort) {
    const [field, direction] = sort.split(':');
    const sign = direction === 'desc' ? -1 : 1;
    const key = (c: RawCustomer): string =>
      field === 'last_name' ? c.last_name : (c[field as 'date_created'] ?? '');
    if (!['date_created', 'date_modified', 'last_name'].includes(field ?? '')) {
      return v3Error(422, "The field 'sort' is invalid.", { sort: 'unsupported sort' });
    }
    customers = [...customers].sort((a, b) => sign * key(a).localeCompare(key(b)) || a.id - b.id);
  }
  const include = splitCsv(query.get('include')) ?? [];
  const shaped = customers.map((c) => {
    const { addresses, ...rest } = c;
    return include.includes('addresses') ? { ...rest, addresses } : rest;
  });
  return { status: 200, body: v3Envelope(shaped, paging) };
}

function listTransactions(request: RouteRequest): SandboxReply {
  const id = orderId(request);
  if (!request.data.getOrder(id)) return v3Error(404, 'Order not found.');
  const paging = parsePaging(request.query, true);
  if (isReply(paging)) return paging;
  const transactions = request.data.transactions.get(id) ?? [];
  // Gateways such as Test Payment Gateway, PayPal Express and Amazon Pay record none: BigCommerce answers 204.
  if (!transactions.length) return { status: 204 };
  return { status: 200, body: v3Envelope(transactions, paging) };
}

function listRefunds(request: RouteRequest): SandboxReply {
  const id = orderId(request);
  if (!request.data.getOrder(id)) return v3Error(404, 'Order not found.');
  const paging = parsePaging(request.query, true);
  if (isReply(paging)) return paging;
  return { status: 200, body: v3Envelope(request.data.refunds.get(id) ?? [], paging) };
}

export const SANDBOX_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/time$/,
    handle: (r) => ({ status: 200, body: { time: Math.floor(r.now() / 1000) } }),
  },
  { method: 'GET', pattern: /^\/v2\/store$/, handle: (r) => ({ status: 200, body: r.data.store }) },
  {
    method: 'GET',
    pattern: /^\/v2\/order_statuses$/,
    handle: (r) => ({ status: 200, body: r.data.statuses }),
  },
  { method: 'GET', pattern: /^\/v2\/orders$/, handle: listOrders },
  { method: 'GET', pattern: /^\/v2\/orders\/count$/, handle: countOrders },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)$/,
    handle: (r) => {
      const order = r.data.getOrder(orderId(r));
      return order ? { status: 200, body: order } : v2Error(404, V2_NOT_FOUND);
    },
  },
  { method: 'PUT', pattern: /^\/v2\/orders\/([^/]+)$/, handle: updateOrder },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)\/products$/, handle: subResource((d) => d.products) },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)\/shipping_addresses$/,
    handle: subResource((d) => d.shippingAddresses),
  },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)\/shipments$/, handle: subResource((d) => d.shipments) },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)\/coupons$/, handle: subResource((d) => d.coupons) },
  { method: 'GET', pattern: /^\/v3\/customers$/, handle: listCustomers },
  { method: 'GET', pattern: /^\/v3\/orders\/([^/]+)\/transactions$/, handle: listTransactions },
  { method: 'GET', pattern: /^\/v3\/orders\/([^/]+)\/payment_actions\/refunds$/, handle: listRefunds },
  {
    method: 'GET',
    pattern: /^\/v3\/channels$/,
    handle: (r) => {
      const paging = parsePaging(r.query, true);
      if (isReply(paging)) return paging;
      const channels = r.data.channels.map((c) => ({
        ...c,
        is_visible: true,
        is_listable_from_ui: true,
        date_created: formatIso(Date.parse(r.data.customers[0]?.date_created ?? '2024-01-01T00:00:00Z')),
        date_modified: formatIso(Date.parse(r.data.customers[0]?.date_modified ?? '2024-01-01T00:00:00Z')),
      }));
      return { status: 200, body: v3Envelope(channels, paging) };
    },
  },
];

/** Finds the route; 404 when the path is unknown, 405 when only the method is wrong. */
export function routeRequest(
  method: string,
  path: string,
  request: Omit<RouteRequest, 'params'>,
): SandboxReply {
  let pathMatched = false;
  for (const route of SANDBOX_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    return route.handle({ ...request, params: match.slice(1) });
  }
  return pathMatched ? errorFor(path, 405, 'Method not allowed.') : errorFor(path, 404, V2_NOT_FOUND);
}
