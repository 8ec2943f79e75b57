import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `hang` never answers (until the server closes). */
export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  /** Sent as-is instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedServer {
  url: string;
  /** Readable request log: "GET /stores/h/v2/orders?page=1&limit=250". */
  log: string[];
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Step = ScriptedAnswer | ((request: RecordedRequest) => ScriptedAnswer);

/**
 * A loopback HTTP server that answers from a script, in order. When the script runs out it answers 599 so a
 * test sees an unexpected extra request at once.
 */
export async function startScriptedServer(script: Step[]): Promise<ScriptedServer> {
  const log: string[] = [];
  const requests: RecordedRequest[] = [];
  const queue = [...script];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      log.push(`${recorded.method} ${recorded.url}`);
      const step = queue.shift();
      const answer: ScriptedAnswer =
        step === undefined
          ? { status: 599, body: { error: 'script exhausted' } }
          : typeof step === 'function'
            ? step(recorded)
            : step;
      if (answer.hang) return;
      const text = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, {
        ...(text ? { 'Content-Type': 'application/json' } : {}),
        ...answer.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The four rate-limit headers BigCommerce sends on every response. */
export function rateLimitHeaders(
  left: number,
  resetMs: number,
  quota = 150,
  windowMs = 30_000,
): Record<string, string> {
  return {
    'X-Rate-Limit-Requests-Left': String(left),
    'X-Rate-Limit-Requests-Quota': String(quota),
    'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
    'X-Rate-Limit-Time-Window-Ms': String(windowMs),
  };
}
