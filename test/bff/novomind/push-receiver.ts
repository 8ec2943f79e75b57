/**
 * novomind's side of the push for tests: a loopback HTTP server that records each delivery (its Standard
 * Webhooks headers, body and the virtual time it arrived) and answers from a script (200 by default).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Change } from '../../../shared/s2s.js';

export interface Delivery {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  changes: Change[];
  /** The test clock when it arrived. */
  at: number;
  status: number;
}

export interface PushReceiver {
  url: string;
  deliveries: Delivery[];
  /** Answers for the next requests, in order; then 200. */
  script(...answers: Array<{ status: number; retryAfter?: string }>): void;
  close(): Promise<void>;
}

export async function startPushReceiver(now: () => number): Promise<PushReceiver> {
  const deliveries: Delivery[] = [];
  const answers: Array<{ status: number; retryAfter?: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const answer = answers.shift() ?? { status: 200 };
      let changes: Change[] = [];
      try {
        changes = (JSON.parse(body) as { changes: Change[] }).changes;
      } catch {
        changes = [];
      }
      deliveries.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
        changes,
        at: now(),
        status: answer.status,
      });
      if (answer.retryAfter !== undefined) res.setHeader('Retry-After', answer.retryAfter);
      res.statusCode = answer.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/novomind/changes`,
    deliveries,
    script: (...next) => void answers.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
