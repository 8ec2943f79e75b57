// The product with the operations console switched on (ADMIN_TOKEN), and helpers to read it as an admin.
import { AdminStatusResponse, type StoreStatus } from '../../../shared/admin.js';
import type { NoteRecord, Repos } from '../../../bff/src/store/index.js';
import { startProduct, type Product, type ProductOptions, type Reply } from '../context/product-harness.js';

export const ADMIN_TOKEN = 'ops-tests-admin-token-0123456789';

export interface Console {
  product: Product;
  repos: Repos;
  /** GET as the admin. */
  get<T = unknown>(path: string): Promise<Reply<T>>;
  post<T = unknown>(path: string): Promise<Reply<T>>;
  /** GET /api/v1/admin/status, parsed with the console's own schema. */
  status(): Promise<AdminStatusResponse>;
  store(key: string): Promise<StoreStatus>;
  close(): Promise<void>;
}

export async function startConsole(options: ProductOptions = {}): Promise<Console> {
  const product = await startProduct({ ...options, env: { ADMIN_TOKEN, ...options.env } });
  // The start reads each store's customer group names: that call is evidence the store answers. The tests begin
  // with stores idle for longer than the console trusts evidence (a minute), as after a quiet spell.
  product.clock.advance(61_000);
  const repos = product.server.context.repos;
  const status = async () => {
    const reply = await product.get(ADMIN_TOKEN, '/api/v1/admin/status');
    if (reply.status !== 200) throw new Error(`status: ${reply.status} ${reply.text}`);
    return AdminStatusResponse.parse(reply.body);
  };
  return {
    product,
    repos,
    get: (path) => product.get(ADMIN_TOKEN, path),
    post: (path) => product.post(ADMIN_TOKEN, path, undefined),
    status,
    async store(key) {
      const found = (await status()).stores.find((store) => store.key === key);
      if (!found) throw new Error(`no store ${key}`);
      return found;
    },
    close: () => product.close(),
  };
}

/** A note that BigCommerce refused for good, straight into the outbox (as the notes worker would leave it). */
export async function addFailedNote(
  repos: Repos,
  note: { storeKey: string; orderId: number; ref: string; at: number },
): Promise<NoteRecord> {
  const event = (type: string, status: string) => ({
    ticket: 'T-ops',
    orderId: note.orderId,
    agent: 'alice',
    type,
    status,
    correlationId: `corr-${note.ref}`,
    at: note.at,
  });
  const { record } = await repos.noteOutbox.insertOrFind(
    {
      ref: note.ref,
      idempotencyKey: `key-${note.ref}`,
      storeKey: note.storeKey,
      orderId: note.orderId,
      ticket: 'T-ops',
      agent: 'alice',
      text: 'Rückruf vereinbart.',
      createdAt: note.at,
      nextAttemptAt: note.at + 3_600_000,
      correlationId: `corr-${note.ref}`,
    },
    () => event('note.queued', 'queued'),
  );
  await repos.noteOutbox.markFailed(
    note.ref,
    'staff_notes_full',
    'The order’s staff notes are full.',
    event('note.failed', 'failed'),
  );
  return record;
}
