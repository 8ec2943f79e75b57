// Orders v2 (orders.v2.oas2.yml; reference bigcommerce-api.md (b), (c), (d), (e)): the list with its filters,
// sort and page-number paging (the delta read: `min_date_modified` + `sort=date_modified:asc`), the count,
// one order with optional inlined consignments, its sub-resources, and the PUT our product writes notes and
// status changes with.
import { buildConsignments, type OrderConsignments } from './consignments.js';
import { parseFilterDate } from './date-filters.js';
import { SandboxMutationError } from './mutation-error.js';
import { ORDER_SORT_FIELDS, selectOrders, type OrderFilter, type OrderSortField } from './order-query.js';
import {
  intParam,
  isReply,
  parsePaging,
  readJsonObject,
  splitCsv,
  V2_NOT_FOUND,
  v2Error,
  v2Page,
  type Route,
  type RouteRequest,
  type SandboxReply,
} from './route-kit.js';
import type { RawOrder } from './types.js';

export const STAFF_NOTES_MAX_LENGTH = 65535;

const DATE_FILTERS = {
  min_date_created: 'minCreated',
  max_date_created: 'maxCreated',
  min_date_modified: 'minModified',
  max_date_modified: 'maxModified',
} as const;

function parseOrderFilter(query: URLSearchParams): OrderFilter | SandboxReply {
  const filter: OrderFilter = {
    customerId: null,
    email: query.get('email'),
    statusId: null,
    channelId: null,
    minId: null,
    maxId: null,
    minCreated: null,
    maxCreated: null,
    minModified: null,
    maxModified: null,
  };
  const ints = {
    customer_id: 'customerId',
    status_id: 'statusId',
    channel_id: 'channelId',
    min_id: 'minId',
    max_id: 'maxId',
  } as const;
  for (const [name, key] of Object.entries(ints)) {
    if (!query.has(name)) continue;
    const value = Number(query.get(name));
    if (!Number.isInteger(value)) return v2Error(400, `The field '${name}' is invalid.`);
    filter[key] = value;
  }
  for (const [name, key] of Object.entries(DATE_FILTERS)) {
    const raw = query.get(name);
    if (raw === null) continue;
    const ms = parseFilterDate(raw);
    if (Number.isNaN(ms)) return v2Error(400, `The field '${name}' is invalid.`);
    filter[key] = ms;
  }
  return filter;
}

/** `include=consignments[.line_items]`: with `consignment_structure=object` the spec's object, else the link. */
function withIncludes(
  request: RouteRequest,
  order: RawOrder,
): RawOrder | (RawOrder & { consignments: unknown }) {
  const include = splitCsv(request.query.get('include')) ?? [];
  const expand = include.includes('consignments.line_items');
  if (!expand && !include.includes('consignments')) return order;
  if (request.query.get('consignment_structure') !== 'object') {
    // Without the object structure BigCommerce answers an older, undocumented shape; the sandbox gives the
    // other form the spec allows (`orderConsignments_Resource`) so clients are pushed to `=object`.
    return {
      ...order,
      consignments: {
        url: `https://api.bigcommerce.com/stores/${request.store.hash}/v2/orders/${order.id}/consignments`,
        resource: `/orders/${order.id}/consignments`,
      },
    };
  }
  return { ...order, consignments: consignmentsOf(request, order, expand) };
}

function consignmentsOf(request: RouteRequest, order: RawOrder, expand: boolean): OrderConsignments {
  const { data } = request;
  return buildConsignments(
    request.store.consignments,
    order,
    data.getProducts(order.id),
    data.getShippingAddresses(order.id),
    expand,
  );
}

function listOrders(request: RouteRequest): SandboxReply {
  const filter = parseOrderFilter(request.query);
  if (isReply(filter)) return filter;
  let field: OrderSortField = 'id';
  let descending = false;
  const sort = request.query.get('sort');
  if (sort) {
    // The spec's enum lists bare names, its description `field:asc|desc`; both are accepted (reference B1).
    const [name, direction = 'asc'] = sort.split(':');
    if (!ORDER_SORT_FIELDS.includes(name as OrderSortField) || !['asc', 'desc'].includes(direction)) {
      return v2Error(400, `The field 'sort' is invalid.`);
    }
    field = name as OrderSortField;
    descending = direction === 'desc';
  }
  const paging = parsePaging(request.query, false);
  if (isReply(paging)) return paging;
  const page = selectOrders(request.data, filter, { field, descending }).page(
    (paging.page - 1) * paging.limit,
    paging.limit,
  );
  if (!page.length) return { status: 204 };
  return { status: 200, body: page.map((order) => withIncludes(request, order)) };
}

/** GET /v2/orders/count: the same filters as the list (BD orders.v2), counts per status (`ordersCount_Resp`). */
function countOrders(request: RouteRequest): SandboxReply {
  const filter = parseOrderFilter(request.query);
  if (isReply(filter)) return filter;
  const selection = selectOrders(request.data, filter, { field: 'id', descending: false });
  const counts = selection.countByStatus();
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
      count: selection.total,
    },
  };
}

function getOrder(request: RouteRequest): SandboxReply {
  const order = request.data.getOrder(intParam(request));
  return order ? { status: 200, body: withIncludes(request, order) } : v2Error(404, V2_NOT_FOUND);
}

function getConsignments(request: RouteRequest): SandboxReply {
  const order = request.data.getOrder(intParam(request));
  if (!order) return v2Error(404, V2_NOT_FOUND);
  const expand = (splitCsv(request.query.get('include')) ?? []).includes('consignments.line_items');
  return { status: 200, body: consignmentsOf(request, order, expand) };
}

function updateOrder(request: RouteRequest): SandboxReply {
  const order = request.data.getOrder(intParam(request));
  if (!order) return v2Error(404, V2_NOT_FOUND);
  const fields = readJsonObject(request.body);
  if (typeof fields === 'string') return v2Error(400, fields);
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
      // An integer id of the store's status table (0..14, orders.v2 /order_statuses); anything else is a 400.
      if (typeof value !== 'number' || !request.data.statuses.some((s) => s.id === value)) {
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
  try {
    // Fires store/order/updated (every accepted PUT) and store/order/statusUpdated (a changed status).
    return { status: 200, body: request.store.mutate.updateOrder(order.id, changes) };
  } catch (error) {
    if (error instanceof SandboxMutationError) return v2Error(400, error.message);
    throw error;
  }
}

function orderSubResource(pick: (request: RouteRequest, id: number) => readonly unknown[]) {
  return (request: RouteRequest): SandboxReply => {
    const id = intParam(request);
    if (!request.data.getOrder(id)) return v2Error(404, V2_NOT_FOUND);
    return v2Page(pick(request, id), request.query);
  };
}

function getOrderProduct(request: RouteRequest): SandboxReply {
  const id = intParam(request);
  const line = request.data.getProducts(id).find((l) => l.id === intParam(request, 1));
  return line ? { status: 200, body: line } : v2Error(404, V2_NOT_FOUND);
}

export const ORDER_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v2\/orders$/, handle: listOrders },
  { method: 'GET', pattern: /^\/v2\/orders\/count$/, handle: countOrders },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)$/, handle: getOrder },
  { method: 'PUT', pattern: /^\/v2\/orders\/([^/]+)$/, handle: updateOrder },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)\/products$/,
    handle: orderSubResource((r, id) => r.data.getProducts(id)),
  },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)\/products\/([^/]+)$/, handle: getOrderProduct },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)\/shipping_addresses$/,
    handle: orderSubResource((r, id) => r.data.getShippingAddresses(id)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)\/shipments$/,
    handle: orderSubResource((r, id) => r.data.shipments.get(id) ?? []),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/orders\/([^/]+)\/coupons$/,
    handle: orderSubResource((r, id) => r.data.coupons.get(id) ?? []),
  },
  { method: 'GET', pattern: /^\/v2\/orders\/([^/]+)\/consignments$/, handle: getConsignments },
];
