// Webhook management, v3 (webhooks.v3.yml /hooks and /hooks/{webhook_id}): create answers 200 with
// `{data: webhook_Full, meta: {}}`, the list is the v3 envelope with pagination and the filters `is_active`,
// `scope` and `destination`, PUT is a partial update, DELETE answers the deleted hook. Invalid bodies and a
// second hook for the same scope and destination are 422s in the v3 error shape. These routes sit behind
// the same token check, rate limit and fault rules as every other BigCommerce route.
import { HookValidationError, parseHookInput, type RawHook } from './hook-registry.js';
import {
  intParam,
  isReply,
  parsePaging,
  readJsonObject,
  v3Envelope,
  v3Error,
  type Route,
  type RouteRequest,
  type SandboxReply,
} from './route-kit.js';

const one = (hook: RawHook): SandboxReply => ({ status: 200, body: { data: hook, meta: {} } });
const notFound = (request: RouteRequest): SandboxReply =>
  v3Error(404, `Webhook with id [${request.params[0] ?? ''}] not found`);

function writeHook(request: RouteRequest, write: (body: Record<string, unknown>) => RawHook | undefined) {
  const body = readJsonObject(request.body);
  if (typeof body === 'string') return v3Error(422, 'JSON data is missing or invalid', { body });
  try {
    const hook = write(body);
    return hook ? one(hook) : notFound(request);
  } catch (error) {
    if (error instanceof HookValidationError) return v3Error(422, error.title, error.errors);
    throw error;
  }
}

function listHooks(request: RouteRequest): SandboxReply {
  const { query } = request;
  const paging = parsePaging(query, true);
  if (isReply(paging)) return paging;
  const isActive = query.get('is_active');
  if (isActive !== null && isActive !== 'true' && isActive !== 'false') {
    return v3Error(422, "The field 'is_active' is invalid.", { is_active: 'must be true or false' });
  }
  const scope = query.get('scope');
  const destination = query.get('destination');
  const hooks = request.store.hooks
    .list()
    .filter(
      (hook) =>
        (isActive === null || String(hook.is_active) === isActive) &&
        (scope === null || hook.scope === scope) &&
        (destination === null || hook.destination === destination),
    );
  const extra = [...query.entries()]
    .filter(([name]) => name !== 'page' && name !== 'limit')
    .map(([name, value]) => `&${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('');
  return { status: 200, body: v3Envelope(hooks, paging, extra) };
}

export const HOOK_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/v3\/hooks$/, handle: listHooks },
  {
    method: 'POST',
    pattern: /^\/v3\/hooks$/,
    handle: (r) => writeHook(r, (body) => r.store.hooks.create(parseHookInput(body, true))),
  },
  {
    method: 'GET',
    pattern: /^\/v3\/hooks\/([^/]+)$/,
    handle: (r) => {
      const hook = r.store.hooks.get(intParam(r));
      return hook ? one(hook) : notFound(r);
    },
  },
  {
    method: 'PUT',
    pattern: /^\/v3\/hooks\/([^/]+)$/,
    handle: (r) => {
      if (!r.store.hooks.get(intParam(r))) return notFound(r);
      return writeHook(r, (body) => r.store.hooks.update(intParam(r), parseHookInput(body, false)));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/v3\/hooks\/([^/]+)$/,
    handle: (r) => {
      const hook = r.store.hooks.remove(intParam(r));
      return hook ? one(hook) : notFound(r);
    },
  },
];
