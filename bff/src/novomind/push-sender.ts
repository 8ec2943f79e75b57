import type { PushResult } from './push-policy.js';

/** One POST to novomind; what came back (status and Retry-After) or what went wrong. Never throws. */
export type PushTransport = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<PushResult>;

/**
 * node's fetch, redirects not followed (a 3xx is an answer, not a delivery), a time limit per request. The
 * URL and the answer body are never logged: the URL may carry novomind's own credentials.
 */
export function createFetchTransport(timeoutMs = 10_000): PushTransport {
  return async (url, headers, body) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Drain the body so the connection can be reused; its content is not ours to keep.
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const code =
        typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'error';
      return { error: `no answer from novomind (${code})` };
    }
  };
}
