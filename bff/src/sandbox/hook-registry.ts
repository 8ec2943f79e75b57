// The webhooks of one store (webhooks.v3.yml `webhook_Full`): validated create and partial update, the
// one-hook-per-scope-and-destination rule, and deactivation. BigCommerce keys hooks by store + API account
// (client_id); a sandbox store has one token, so one client_id.
import { isKnownScope } from './hook-scopes.js';

export interface RawHook {
  id: number;
  client_id: string;
  store_hash: string;
  /** Unix seconds. */
  created_at: number;
  updated_at: number;
  scope: string;
  destination: string;
  is_active: boolean;
  headers: Record<string, string> | null;
}

export interface HookInput {
  scope?: string;
  destination?: string;
  is_active?: boolean;
  headers?: Record<string, string> | null;
}

/** A refusal in the v3 422 shape: field -> BigCommerce-style error code. */
export class HookValidationError extends Error {
  constructor(
    readonly title: string,
    readonly errors: Record<string, string>,
  ) {
    super(title);
    this.name = 'HookValidationError';
  }
}

export interface HookRegistry {
  list(): RawHook[];
  get(id: number): RawHook | undefined;
  create(input: HookInput): RawHook;
  update(id: number, input: HookInput): RawHook | undefined;
  remove(id: number): RawHook | undefined;
  /** As BigCommerce does after ~48 h of failed deliveries (or 90 days of inactivity). */
  deactivate(id: number): RawHook | undefined;
}

// RFC 9110 token characters; node:http refuses anything else as a header name.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// No control characters (CR/LF would split the request).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Checks a POST (`full`: scope and destination required, webhooks.v3.yml `webhook_Base`) or PUT body
 * (`webhook_Put`: every field optional, at least one required). Error codes imitate BigCommerce's
 * (`error.path.missing` for a missing field, as in the spec's 422 example).
 */
export function parseHookInput(body: Record<string, unknown>, full: boolean): HookInput {
  const errors: Record<string, string> = {};
  const input: HookInput = {};
  const { scope, destination, is_active: isActive, headers } = body;
  if (scope === undefined) {
    if (full) errors['scope'] = 'error.path.missing';
  } else if (typeof scope !== 'string') errors['scope'] = 'error.expected.jsstring';
  else if (!isKnownScope(scope)) errors['scope'] = 'error.scope.unknown';
  else input.scope = scope;
  if (destination === undefined) {
    if (full) errors['destination'] = 'error.path.missing';
  } else if (typeof destination !== 'string') errors['destination'] = 'error.expected.jsstring';
  else if (!isHttpUrl(destination)) errors['destination'] = 'error.url.invalid';
  else input.destination = destination;
  if (isActive !== undefined) {
    if (typeof isActive !== 'boolean') errors['is_active'] = 'error.expected.jsboolean';
    else input.is_active = isActive;
  }
  if (headers !== undefined) {
    if (headers === null) input.headers = null;
    else if (typeof headers !== 'object' || Array.isArray(headers))
      errors['headers'] = 'error.expected.jsobject';
    else {
      const entries = Object.entries(headers as Record<string, unknown>);
      const bad = entries.find(
        ([name, value]) => !HEADER_NAME.test(name) || typeof value !== 'string' || !HEADER_VALUE.test(value),
      );
      if (bad) errors[`headers.${bad[0]}`] = 'error.expected.jsstring';
      else input.headers = Object.fromEntries(entries) as Record<string, string>;
    }
  }
  if (Object.keys(errors).length) throw new HookValidationError('JSON data is missing or invalid', errors);
  if (!full && Object.keys(input).length === 0) {
    // "At least one field is required to perform an update" (webhooks.v3.yml updateWebhook).
    throw new HookValidationError('JSON data is missing or invalid', { body: 'error.path.missing' });
  }
  return input;
}

/**
 * BigCommerce requires https on port 443 (webhooks.v3.yml createWebhooks). The sandbox also accepts http
 * and any port, because its receivers (the BFF in sandbox mode, test servers) listen on loopback.
 */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function createHookRegistry(options: {
  storeHash: string;
  clientId: string;
  now: () => number;
  nextId: () => number;
}): HookRegistry {
  const hooks = new Map<number, RawHook>();
  const seconds = (): number => Math.floor(options.now() / 1000);
  const refuseDuplicate = (scope: string, destination: string, exceptId: number): void => {
    for (const hook of hooks.values()) {
      if (hook.id !== exceptId && hook.scope === scope && hook.destination === destination) {
        // BD "Platform limits": one hook per store, client_id, scope and destination. The exact wording of
        // BigCommerce's refusal is not documented; the status (422) and shape are.
        throw new HookValidationError('A webhook with this scope and destination already exists.', {
          destination: `error.duplicate (webhook ${hook.id})`,
        });
      }
    }
  };
  return {
    list: () => [...hooks.values()],
    get: (id) => hooks.get(id),
    create(input) {
      const scope = input.scope!;
      const destination = input.destination!;
      refuseDuplicate(scope, destination, -1);
      const at = seconds();
      const hook: RawHook = {
        id: options.nextId(),
        client_id: options.clientId,
        store_hash: options.storeHash,
        created_at: at,
        updated_at: at,
        scope,
        destination,
        is_active: input.is_active ?? true,
        headers: input.headers ?? null,
      };
      hooks.set(hook.id, hook);
      return hook;
    },
    update(id, input) {
      const hook = hooks.get(id);
      if (!hook) return undefined;
      refuseDuplicate(input.scope ?? hook.scope, input.destination ?? hook.destination, id);
      if (input.scope !== undefined) hook.scope = input.scope;
      if (input.destination !== undefined) hook.destination = input.destination;
      if (input.is_active !== undefined) hook.is_active = input.is_active;
      if (input.headers !== undefined) hook.headers = input.headers;
      hook.updated_at = seconds();
      return hook;
    },
    remove(id) {
      const hook = hooks.get(id);
      hooks.delete(id);
      return hook;
    },
    deactivate(id) {
      const hook = hooks.get(id);
      if (!hook) return undefined;
      hook.is_active = false;
      hook.updated_at = seconds();
      return hook;
    },
  };
}
