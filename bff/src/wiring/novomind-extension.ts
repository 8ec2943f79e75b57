import { createNovomind, type Novomind, type NovomindRoomDeps } from '../novomind/index.js';
import { realSetTimer } from '../notes/note-worker.js';
import { createS2sRouter } from '../routes/s2s.js';
import { createContextDeps } from './context-extension.js';
import { findNotes } from './notes-extension.js';
import type { ExtendServer, ServerContext } from './server-context.js';
import { findTicketEventWriteBack } from './status-extension.js';

/**
 * novomind's ticket events, written back to the ticket's orders by the status room (DESIGN §11), when it is
 * installed. An event for a ticket novomind never registered has no market, so nothing to write to.
 */
function ticketEventWriteBack(ctx: ServerContext): NovomindRoomDeps['writeBackTicketEvent'] {
  const writeBack = findTicketEventWriteBack(ctx);
  if (!writeBack) return undefined;
  return async (event) => {
    if (event.market === null) return;
    await writeBack({
      market: event.market,
      ticket: event.ticket,
      type: event.type,
      agent: event.agent,
      eventId: event.id,
    });
  };
}

// The novomind room of each running server, for the demo's simulated iAGENT app (keyed like findNotes).
const novomindOfServer = new WeakMap<ServerContext, Novomind>();

/** The running server's novomind room, when its extension was created before the caller's; else null. */
export function findNovomind(ctx: ServerContext): Novomind | null {
  return novomindOfServer.get(ctx) ?? null;
}

export type NovomindExtensionOptions = Partial<
  Pick<NovomindRoomDeps, 'setTimer' | 'random' | 'transport' | 'feedIntervalMs' | 'writeBackTicketEvent'>
> & {
  /** Hands the assembled room to the caller (tests drive its workers with it). */
  onReady?: (novomind: Novomind) => void;
};

/**
 * The novomind room as a server extension: /s2s/v1/ (only with S2S_SECRET; without it the path is a 404),
 * the feed worker and the push worker. Listed after the notes extension, whose outbox copies novomind's notes.
 * The feed and the push run without S2S_SECRET too: the demo reads the feed in-process.
 */
export function createNovomindExtension(options: NovomindExtensionOptions = {}): ExtendServer {
  return (ctx) => {
    const { onReady, ...tuning } = options;
    const novomind = createNovomind({
      setTimer: realSetTimer,
      writeBackTicketEvent: ticketEventWriteBack(ctx),
      ...tuning,
      context: createContextDeps(ctx),
      config: ctx.config,
      repos: ctx.repos,
      now: ctx.now,
      logger: ctx.logger,
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      registry: ctx.metrics.registry,
      notes: findNotes(ctx)?.service ?? null,
      requestBudgetMs: ctx.config.requestBudgetMs,
      historyMs: ctx.config.retention.ticketEvents.maxAgeMs,
    });
    novomindOfServer.set(ctx, novomind);
    ctx.ops.providePush({ facts: (storeKey) => novomind.pushFacts(storeKey) });
    onReady?.(novomind);
    return {
      routers:
        ctx.config.s2s.secret === null
          ? []
          : [createS2sRouter({ novomind, requestBudgetMs: ctx.config.requestBudgetMs })],
      async start() {
        await novomind.pushWorker.start();
        novomind.feedWorker.start();
      },
      async stop() {
        await novomind.feedWorker.stop();
        await novomind.pushWorker.stop();
      },
    };
  };
}
