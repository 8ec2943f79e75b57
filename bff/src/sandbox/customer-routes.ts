// Customers v3 (customers.v3.yml: filters, `sort`, `include=addresses`; the delta read is
// `date_modified:min` + `sort=date_modified:asc`) and customer groups v2 (customers.v2.yml
// /customer_groups: a bare array with 204 on an empty page, like every v2 list).
import { parseFilterDate } from './date-filters.js';
import {
  intParam,
  isReply,
  parsePaging,
  splitCsv,
  V2_NOT_FOUND,
  v2Error,
  v2Page,
  v3Envelope,
  v3Error,
  type Route,
  type RouteRequest,
  type SandboxReply,
} from './route-kit.js';
import type { RawCustomer } from './types.js';

const CUSTOMER_DATE_FILTERS = [
  'date_created:min',
  'date_created:max',
  'date_modified:min',
  'date_modified:max',
] as const;

function listCustomers(request: RouteRequest): SandboxReply {
  const { query } = request;
  const paging = parsePaging(query, true);
  if (isReply(paging)) return paging;
  const emails = splitCsv(query.get('email:in'))?.map((e) => e.toLowerCase());
  const ids = splitCsv(query.get('id:in'))?.map(Number);
  const groups = splitCsv(query.get('customer_group_id:in'))?.map(Number);
  const namesIn = splitCsv(query.get('name:in'))?.map((n) => n.toLowerCase());
  const nameLike = splitCsv(query.get('name:like'))?.map((n) => n.toLowerCase());
  const bounds: Partial<Record<(typeof CUSTOMER_DATE_FILTERS)[number], number>> = {};
  for (const name of CUSTOMER_DATE_FILTERS) {
    const raw = query.get(name);
    if (raw === null) continue;
    const ms = parseFilterDate(raw);
    if (Number.isNaN(ms)) return v3Error(422, `The field '${name}' is invalid.`, { [name]: 'invalid date' });
    bounds[name] = ms;
  }
  const within = (iso: string, min: number | undefined, max: number | undefined): boolean => {
    const ms = Date.parse(iso);
    return (min === undefined || ms >= min) && (max === undefined || ms <= max);
  };
  let customers = request.data.customers.filter((c) => {
    const fullName = `${c.first_name} ${c.last_name}`.toLowerCase();
    return (
      (!emails || emails.includes(c.email.toLowerCase())) &&
      (!ids || ids.includes(c.id)) &&
      (!groups || groups.includes(c.customer_group_id)) &&
      (!namesIn || namesIn.includes(fullName)) &&
      (!nameLike || nameLike.some((part) => fullName.includes(part))) &&
      within(c.date_created, bounds['date_created:min'], bounds['date_created:max']) &&
      within(c.date_modified, bounds['date_modified:min'], bounds['date_modified:max'])
    );
  });
  const sort = query.get('sort');
  if (sort) {
    const [field, direction] = sort.split(':');
    const sign = direction === 'desc' ? -1 : 1;
    if (!['date_created', 'date_modified', 'last_name'].includes(field ?? '')) {
      return v3Error(422, "The field 'sort' is invalid.", { sort: 'unsupported sort' });
    }
    const compare =
      field === 'last_name'
        ? (a: RawCustomer, b: RawCustomer): number => a.last_name.localeCompare(b.last_name)
        : (a: RawCustomer, b: RawCustomer): number =>
            Date.parse(a[field as 'date_created']) - Date.parse(b[field as 'date_created']);
    customers = [...customers].sort((a, b) => sign * compare(a, b) || a.id - b.id);
  }
  const include = splitCsv(query.get('include')) ?? [];
  const shaped = customers.map((c) => {
    const { addresses, ...rest } = c;
    return include.includes('addresses') ? { ...rest, addresses } : rest;
  });
  return { status: 200, body: v3Envelope(shaped, paging) };
}

function listCustomerGroups(request: RouteRequest): SandboxReply {
  const { query } = request;
  const name = query.get('name');
  const like = query.get('name:like')?.toLowerCase();
  const isDefault = query.get('is_default');
  const groups = request.data.customerGroups.filter(
    (g) =>
      (name === null || g.name === name) &&
      (like === undefined || g.name.toLowerCase().includes(like)) &&
      (isDefault === null || String(g.is_default) === isDefault),
  );
  return v2Page(groups, query);
}

export const CUSTOMER_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v3\/customers$/, handle: listCustomers },
  { method: 'GET', pattern: /^\/v2\/customer_groups$/, handle: listCustomerGroups },
  {
    method: 'GET',
    pattern: /^\/v2\/customer_groups\/count$/,
    handle: (r) => ({ status: 200, body: { count: r.data.customerGroups.length } }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/customer_groups\/([^/]+)$/,
    handle: (r) => {
      const group = r.data.customerGroups.find((g) => g.id === intParam(r));
      return group ? { status: 200, body: group } : v2Error(404, V2_NOT_FOUND);
    },
  },
];
