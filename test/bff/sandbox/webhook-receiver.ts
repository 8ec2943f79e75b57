// A webhook destination on loopback for sandbox tests: records every callback (headers, parsed body) and
// answers with a scripted status, or never ("hang"). waitFor(n) resolves on the n-th callback (event-driven,
// no polling, no wall-clock assertions).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Sandbox, WebhookCallback } from '../../../bff/src/sandbox/index.js';
import { callSandbox } from './sandbox-client.js';

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: WebhookCallback;
}

/** The answer to the n-th callback (0-based): a status code, or 'hang' to never answer. */
export type Responder = (index: number, callback: ReceivedCallback) => number | 'hang';

export interface Receiver {
  url: string;
  received: ReceivedCallback[];
  respond: Responder;
  waitFor(count: number): Promise<ReceivedCallback[]>;
  /** Answers every callback still hanging with `status`. */
  release(status: number): void;
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = () => 200): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const waiters: { count: number; resolve: (value: ReceivedCallback[]) => void }[] = [];
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const receiver: Receiver = {
    url: '',
    received,
    respond,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received.slice(0, count));
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    release(status) {
      for (const res of hung) res.writeHead(status).end();
      hung.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const callback: ReceivedCallback = {
        path: req.url ?? '',
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as WebhookCallback,
      };
      received.push(callback);
      const answer = receiver.respond(received.length - 1, callback);
      if (answer === 'hang') hung.add(res);
      // A redirect points somewhere that answers nothing: BigCommerce never follows it anyway.
      else
        res.writeHead(answer, answer >= 300 && answer < 400 ? { Location: 'http://127.0.0.1:9/' } : {}).end();
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(received.slice(0, waiter.count));
        }
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** Registers a hook through the real v3 API and returns its id. */
export async function registerHook(
  sandbox: Sandbox,
  body: { scope: string; destination: string; headers?: Record<string, string>; is_active?: boolean },
  store?: string,
): Promise<number> {
  const response = await callSandbox(sandbox, '/v3/hooks', { method: 'POST', body, store });
  if (response.status !== 200) throw new Error(`hook not created: ${response.text}`);
  return (response.json as { data: { id: number } }).data.id;
}
