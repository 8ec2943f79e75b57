/**
 * The notes room: agent notes appended to BigCommerce's staff_notes exactly once, through a durable outbox.
 * createNotes() assembles it from the platform's parts; routes/notes.ts is its HTTP face; server.ts starts
 * and stops its worker.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { BigCommerceClient } from '../bigcommerce/index.js';
import { cacheKeys, type Cache } from '../cache/index.js';
import type { Logger } from '../core/logger.js';
import type { NoteOutboxRepo, OwnWriteRepo } from '../store/index.js';
import { createNoteService, type NoteService } from './note-service.js';
import { createNoteWorker, realSetTimer, type NoteWorker, type SetTimer } from './note-worker.js';
import { createInProcessOrderLock, type OrderLock } from './order-lock.js';
import { createStaffNotesPort } from './staff-notes-port.js';

export {
  countNoteCharacters,
  hasControlCharacters,
  normalizeText,
  parseIdempotencyKey,
  parseNoteText,
} from './note-input.js';
export type { NoteService, NoteSubmission, NoteAnswer, SubmitOptions } from './note-service.js';
export type { NoteWorker, SetTimer } from './note-worker.js';
export { createInProcessOrderLock, orderLockKey, type OrderLease, type OrderLock } from './order-lock.js';

export interface NotesDeps {
  /** The outbox repository (store/): rows and their ticket events land together. */
  outbox: NoteOutboxRepo;
  /** Remembers our staff-notes writes, so the sync room does not report their webhook echo as a change. */
  ownWrites?: Pick<OwnWriteRepo, 'remember'>;
  clientFor: (storeKey: string) => Pick<BigCommerceClient, 'getOrder' | 'updateOrderStaffNotes'>;
  /** The order detail cache; a written note drops the order's entries so the next detail shows it. */
  cache?: Pick<Cache, 'invalidatePrefix'>;
  logger: Logger;
  now?: () => number;
  /** Only for the inline budget; default real timers. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  setTimer?: SetTimer;
  random?: () => number;
  /** Default: in-process. Pass a shared lock when several instances write to the same stores. */
  lock?: OrderLock;
  inlineBudgetMs?: number;
  attemptBudgetMs?: number;
  leaseMs?: number;
  idleIntervalMs?: number;
}

export interface Notes {
  service: NoteService;
  worker: NoteWorker;
  outbox: NoteOutboxRepo;
  countQueued(): Promise<number>;
}

const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal, ref: false }).catch(() => undefined);

export function createNotes(deps: NotesDeps): Notes {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child({ room: 'notes' });
  const { outbox } = deps;
  const wake: { worker?: NoteWorker } = {};
  const service = createNoteService({
    outbox,
    staffNotesFor: (storeKey, correlationId, signal) =>
      createStaffNotesPort(deps.clientFor(storeKey), correlationId, signal, async (orderId, dateModified) => {
        const at = dateModified === null ? Number.NaN : Date.parse(dateModified);
        if (deps.ownWrites && Number.isFinite(at))
          await deps.ownWrites.remember(storeKey, orderId, at, now());
      }),
    lock: deps.lock ?? createInProcessOrderLock(),
    invalidateOrder: (storeKey, orderId) =>
      deps.cache?.invalidatePrefix(cacheKeys.orderPrefix(storeKey, orderId)),
    now,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
    logger,
    inlineBudgetMs: deps.inlineBudgetMs,
    attemptBudgetMs: deps.attemptBudgetMs,
    leaseMs: deps.leaseMs,
    onRetryScheduled: (at) => wake.worker?.notify(at),
  });
  const worker = createNoteWorker({
    outbox,
    service,
    now,
    setTimer: deps.setTimer ?? realSetTimer,
    logger,
    leaseMs: deps.leaseMs,
    idleIntervalMs: deps.idleIntervalMs,
  });
  wake.worker = worker;
  return { service, worker, outbox, countQueued: () => outbox.countQueued() };
}
