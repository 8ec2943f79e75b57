// One delivery attempt: a JSON POST with node:http(s) (no axios: the sandbox must not share the BFF's
// HTTP stack), with the hook's custom headers plus Content-Type. Redirects are not followed: BigCommerce
// counts any answer outside 2xx, 3xx included, as a failure (reference sync-novomind-ops.md A4).
import http from 'node:http';
import https from 'node:https';

export type AttemptResult = { status: number; error?: undefined } | { status: 0; error: string };

export interface WebhookTransport {
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<AttemptResult>;
  /** Aborts every request in flight and frees the sockets (close() must leave no handle open). */
  close(): void;
}

export function createWebhookTransport(options: { timeoutMs: number }): WebhookTransport {
  // No keep-alive: a pooled idle socket would keep a test process alive after close().
  const agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };
  const inFlight = new Set<http.ClientRequest>();
  let closed = false;

  return {
    post(url, headers, body) {
      return new Promise((resolve) => {
        if (closed) return resolve({ status: 0, error: 'sandbox closed' });
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          return resolve({ status: 0, error: 'invalid destination' });
        }
        const secure = target.protocol === 'https:';
        const request = (secure ? https : http).request(target, {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          headers: {
            ...headers,
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
          },
        });
        inFlight.add(request);
        let settled = false;
        const settle = (result: AttemptResult): void => {
          if (settled) return;
          settled = true;
          inFlight.delete(request);
          resolve(result);
        };
        request.setTimeout(options.timeoutMs, () => request.destroy(new Error('timeout')));
        request.on('response', (response) => {
          // BigCommerce keeps only the status code (bigcommerce/dev-docs#2114); the body is drained.
          response.on('error', () => undefined);
          response.resume();
          settle({ status: response.statusCode ?? 0 });
        });
        request.on('error', (error) => settle({ status: 0, error: error.message }));
        request.end(body);
      });
    },
    close() {
      closed = true;
      for (const request of inFlight) request.destroy(new Error('sandbox closed'));
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
