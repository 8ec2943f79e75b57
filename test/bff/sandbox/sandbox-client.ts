// Tiny fetch helper for sandbox tests: real HTTP, the store's token, parsed body when there is one.
import type { Sandbox } from '../../../bff/src/sandbox/index.js';

export interface SandboxResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function callSandbox(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; store?: string; signal?: AbortSignal } = {},
): Promise<SandboxResponse> {
  const store = sandbox.store(init.store);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = init.token === undefined ? store.token : init.token;
  if (token !== null) headers['X-Auth-Token'] = token;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}/stores/${store.hash}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
  };
}
