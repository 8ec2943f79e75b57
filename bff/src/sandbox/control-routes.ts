// The sandbox's control API under /__sandbox (a prefix no BigCommerce path uses): the mutation API and the
// store-level faults over HTTP, for the /demo desk, the operations console demo and out-of-process tests.
// It needs no token, is not rate-limited, is not subject to fault rules and is not logged in
// `sandbox.requests` (it is not BigCommerce). Answers are JSON; refusals are `{error: {code, message}}`.
import { SandboxMutationError } from './mutation-error.js';
import { readJsonObject, type SandboxReply } from './route-kit.js';
import { parseStoreFaultPatch } from './store-faults.js';
import type { StoreRuntime } from './store-runtime.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';

interface ControlRequest {
  method: string;
  /** Path after /__sandbox, without the query. */
  path: string;
  body: string;
}

interface ControlRoute {
  method: string | string[];
  pattern: RegExp;
  handle(store: StoreRuntime, params: number[], body: Record<string, unknown>): SandboxReply;
}

const fail = (status: number, code: string, message: string): SandboxReply => ({
  status,
  body: { error: { code, message } },
});

type FieldType = 'number' | 'string' | 'boolean' | 'array';

/** Keeps the allowed fields (each of its type); a string says what is wrong. */
function fields(
  body: Record<string, unknown>,
  allowed: Record<string, FieldType>,
): Record<string, unknown> | string {
  for (const [key, value] of Object.entries(body)) {
    const type = allowed[key];
    if (!type) return `Unknown field '${key}' (allowed: ${Object.keys(allowed).join(', ') || 'none'}).`;
    const ok = type === 'array' ? Array.isArray(value) : typeof value === type;
    if (!ok) return `The field '${key}' must be a ${type}.`;
  }
  return body;
}

const ITEMS_SHAPE = (items: unknown): boolean =>
  Array.isArray(items) &&
  items.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Record<string, unknown>)['orderProductId'] === 'number' &&
      typeof (item as Record<string, unknown>)['quantity'] === 'number',
  );

function withFields(
  allowed: Record<string, FieldType>,
  run: (store: StoreRuntime, params: number[], input: Record<string, unknown>) => SandboxReply,
): ControlRoute['handle'] {
  return (store, params, body) => {
    const input = fields(body, allowed);
    if (typeof input === 'string') return fail(400, 'invalid_input', input);
    if (input['items'] !== undefined && !ITEMS_SHAPE(input['items'])) {
      return fail(400, 'invalid_input', 'items must be a list of {orderProductId, quantity}.');
    }
    return run(store, params, input);
  };
}

const STORE = '/stores/([^/]+)';

const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders$`),
    handle: withFields(
      {
        customerId: 'number',
        email: 'string',
        firstName: 'string',
        lastName: 'string',
        statusId: 'number',
        channelId: 'number',
      },
      (store, _params, input) => ({ status: 201, body: store.mutate.createOrder(input) }),
    ),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/status$`),
    handle: withFields({ statusId: 'number' }, (store, [orderId], input) => {
      if (input['statusId'] === undefined) return fail(400, 'invalid_input', 'statusId is required.');
      return { status: 200, body: store.mutate.setStatus(orderId!, input['statusId'] as number) };
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/staff_notes$`),
    handle: withFields({ text: 'string' }, (store, [orderId], input) => {
      if (input['text'] === undefined) return fail(400, 'invalid_input', 'text is required.');
      return { status: 200, body: store.mutate.setStaffNotes(orderId!, input['text'] as string) };
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/shipments$`),
    handle: withFields(
      { carrier: 'string', trackingNumber: 'string', items: 'array', comments: 'string' },
      (store, [orderId], input) => ({ status: 201, body: store.mutate.addShipment(orderId!, input) }),
    ),
  },
  {
    method: ['PUT', 'PATCH'],
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/shipments/(\\d+)$`),
    handle: withFields(
      { carrier: 'string', trackingNumber: 'string', comments: 'string' },
      (store, [orderId, shipmentId], input) => ({
        status: 200,
        body: store.mutate.updateShipment(orderId!, shipmentId!, input),
      }),
    ),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/refunds$`),
    handle: withFields({ amount: 'number', reason: 'string', items: 'array' }, (store, [orderId], input) => ({
      status: 201,
      body: store.mutate.addRefund(orderId!, input),
    })),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/orders/(\\d+)/archive$`),
    handle: withFields({}, (store, [orderId]) => ({
      status: 200,
      body: store.mutate.archiveOrder(orderId!),
    })),
  },
  {
    method: ['PUT', 'PATCH', 'POST'],
    pattern: new RegExp(`^${STORE}/customers/(\\d+)$`),
    handle: withFields(
      {
        first_name: 'string',
        last_name: 'string',
        email: 'string',
        company: 'string',
        phone: 'string',
        notes: 'string',
        customer_group_id: 'number',
      },
      (store, [customerId], input) => ({
        status: 200,
        body: store.mutate.updateCustomer(customerId!, input),
      }),
    ),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${STORE}/faults$`),
    handle: (store) => ({ status: 200, body: store.faults.get() }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/faults$`),
    handle: (store, _params, body) => {
      const patch = parseStoreFaultPatch(body);
      if (typeof patch === 'string') return fail(400, 'invalid_input', patch);
      return { status: 200, body: store.faults.set(patch) };
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${STORE}/faults$`),
    handle: (store) => ({ status: 200, body: store.faults.clear() }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORE}/hooks/(\\d+)/deactivate$`),
    handle: (store, [hookId]) => {
      const hook = store.hooks.deactivate(hookId!);
      return hook
        ? { status: 200, body: hook }
        : fail(404, 'hook_not_found', `Webhook ${hookId} does not exist.`);
    },
  },
];

export function routeControl(
  request: ControlRequest,
  stores: ReadonlyMap<string, StoreRuntime>,
  dispatcher: WebhookDispatcher,
): SandboxReply {
  if (request.method === 'GET' && request.path === '/stores') {
    return {
      status: 200,
      body: [...stores.values()].map((s) => ({ hash: s.hash, label: s.spec.label, storeId: s.storeId })),
    };
  }
  const deliveries = /^\/stores\/([^/]+)\/deliveries$/.exec(request.path);
  if (deliveries && request.method === 'GET') {
    const hash = decodeURIComponent(deliveries[1] ?? '');
    if (!stores.has(hash)) return fail(404, 'store_not_found', `No sandbox store '${hash}'.`);
    return {
      status: 200,
      body: {
        pending: dispatcher.pending(hash),
        deliveries: dispatcher.deliveries.filter((d) => d.store === hash),
      },
    };
  }
  let pathMatched = false;
  for (const route of CONTROL_ROUTES) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes(request.method)) continue;
    const store = stores.get(decodeURIComponent(match[1] ?? ''));
    if (!store) return fail(404, 'store_not_found', `No sandbox store '${match[1] ?? ''}'.`);
    const body = readJsonObject(request.body);
    if (typeof body === 'string') return fail(400, 'invalid_input', body);
    try {
      return route.handle(store, match.slice(2).map(Number), body);
    } catch (error) {
      if (error instanceof SandboxMutationError) return fail(error.status, error.code, error.message);
      throw error;
    }
  }
  return pathMatched
    ? fail(405, 'method_not_allowed', 'Method not allowed.')
    : fail(404, 'not_found', 'No such sandbox control endpoint.');
}
