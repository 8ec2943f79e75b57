// A switchable TCP proxy in front of the sandbox: while it is down, connections to its port are refused
// (ECONNREFUSED), exactly what the BFF sees when BigCommerce's edge is unreachable.
import net from 'node:net';

export interface TcpProxy {
  /** http://127.0.0.1:<port>, stable across down/up. */
  url: string;
  /** Where connections go (an http://host:port URL); may be set after the proxy started. */
  setTarget(url: string): void;
  /** Stops listening and cuts open connections: new connections are refused. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl?: string): Promise<TcpProxy> {
  let target = targetUrl === undefined ? null : new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  function listen(): Promise<void> {
    const created = net.createServer((client) => {
      if (!target) return client.destroy();
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    server = created;
    return new Promise((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        port = (created.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  async function down(): Promise<void> {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (url) => void (target = new URL(url)),
    down,
    up: listen,
    close: down,
  };
}
