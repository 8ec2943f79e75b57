import { createStatusRouter } from '../routes/status.js';
import { createOrderVisibilityCheck } from '../routes/orders.js';
import {
  createStatusCatalog,
  createStatusService,
  createTicketEventWriteBack,
  findUnknownStatusIds,
  type StatusService,
  type WriteBackTicketEvent,
} from '../status/index.js';
import { createContextDeps } from './context-extension.js';
import { notesOf } from './notes-extension.js';
import type { ExtendServer, ServerContext } from './server-context.js';

/** How often landed-but-unaudited changes are looked for (a crash or a deadline between landing and audit). */
export const STATUS_SWEEP_INTERVAL_MS = 60_000;
/** A change landed this long ago without its audit is finished by the sweep (its own request had its chance). */
export const STATUS_SWEEP_AGE_MS = 60_000;
/** How long a finished status change answers replays of its key. */
export const STATUS_CHANGE_RETENTION_MS = 30 * 24 * 3_600_000;

export interface StatusRoom {
  service: StatusService;
  writeBackTicketEvent: WriteBackTicketEvent;
}

export interface StatusExtensionOptions {
  /** Hands the assembled room to the caller (tests drive the sweep and the write-back with it). */
  onReady?: (room: StatusRoom) => void;
  /** Default STATUS_SWEEP_INTERVAL_MS; 0 turns the timer off (tests call service.finishLanded). */
  sweepIntervalMs?: number;
}

const ROOMS = new WeakMap<ServerContext, StatusRoom>();

/**
 * For the novomind room: writes a ticket event back to the ticket's orders (DESIGN §11,
 * `writeBack.ticketEvents`). Call it when an event arrives; throws when the status room is not installed.
 */
export function getTicketEventWriteBack(ctx: ServerContext): WriteBackTicketEvent {
  const room = ROOMS.get(ctx);
  if (!room) throw new Error('The status room is not installed: add createStatusExtension() to the product.');
  return room.writeBackTicketEvent;
}

/** The ticket-event write-back when the status room is installed (before the caller's extension); else null. */
export function findTicketEventWriteBack(ctx: ServerContext): WriteBackTicketEvent | null {
  return ROOMS.get(ctx)?.writeBackTicketEvent ?? null;
}

/**
 * The status room as a server extension: POST /api/v1/orders/:orderId/status, the ticket-event write-back, a
 * sweep that finishes audits a crash interrupted (and forgets old changes), and at start a check that every
 * configured status id exists in its store. Needs the notes room (its outbox writes the audit entries).
 */
export function createStatusExtension(options: StatusExtensionOptions = {}): ExtendServer {
  return (ctx) => {
    const notes = notesOf(ctx);
    if (!notes) throw new Error('The status room writes through the notes room: install it first.');
    const logger = ctx.logger.child({ room: 'status' });
    const catalog = createStatusCatalog({ clientFor: (storeKey) => ctx.clientFor(storeKey), now: ctx.now });
    const service = createStatusService({
      repo: ctx.repos.statusChanges,
      ownWrites: ctx.repos.ownWrites,
      orderIndex: ctx.repos.orderIndex,
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      cache: ctx.cache,
      lock: ctx.orderLock,
      notes: notes.service,
      catalog,
      logger: ctx.logger,
      now: ctx.now,
      requestBudgetMs: ctx.config.requestBudgetMs,
    });
    const room: StatusRoom = {
      service,
      writeBackTicketEvent: createTicketEventWriteBack({
        markets: ctx.config.markets,
        ticketEvents: ctx.repos.ticketEvents,
        notes: notes.service,
        logger: ctx.logger,
      }),
    };
    ROOMS.set(ctx, room);
    options.onReady?.(room);

    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();

    async function sweep(): Promise<void> {
      try {
        const finished = await service.finishLanded(STATUS_SWEEP_AGE_MS);
        if (finished > 0) logger.info({ finished }, 'finished the audit of status changes');
        await ctx.repos.statusChanges.purge(ctx.now() - STATUS_CHANGE_RETENTION_MS);
      } catch (error) {
        logger.warn({ err: error }, 'status sweep failed; trying again later');
      }
    }

    /** BigCommerce's ids are fixed and the config refuses others; this catches a store that disagrees. */
    async function checkConfiguredStatuses(): Promise<void> {
      const byStore = new Map<string, number[]>();
      for (const market of Object.values(ctx.config.markets)) {
        const ids = market.statusChanges.flatMap((change) => [...change.from, change.to]);
        if (ids.length) byStore.set(market.store, [...(byStore.get(market.store) ?? []), ...ids]);
      }
      await Promise.all(
        [...byStore].map(async ([storeKey, ids]) => {
          try {
            const unknown = findUnknownStatusIds(ids, await catalog.list(storeKey));
            if (unknown.length) {
              logger.error(
                { storeKey, unknown },
                'statusChanges names status ids this store does not have; changes to or from them will fail',
              );
            }
          } catch (error) {
            logger.warn(
              { storeKey, err: error },
              'could not read the store’s order statuses to check statusChanges',
            );
          }
        }),
      );
    }

    return {
      apiRouters: [
        createStatusRouter({
          status: service,
          ensureOrderVisible: createOrderVisibilityCheck(createContextDeps(ctx)),
        }),
      ],
      start() {
        // Not awaited: a store that is down must not hold up the start.
        void checkConfiguredStatuses();
        const intervalMs = options.sweepIntervalMs ?? STATUS_SWEEP_INTERVAL_MS;
        if (intervalMs > 0) {
          running = sweep();
          timer = setInterval(() => {
            running = sweep();
          }, intervalMs);
          timer.unref();
        }
      },
      async stop() {
        if (timer) clearInterval(timer);
        await running;
      },
    };
  };
}
