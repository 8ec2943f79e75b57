import { createNotes, type Notes, type NotesDeps } from '../notes/index.js';
import { createNotesRouter } from '../routes/notes.js';
import { createOrderVisibilityCheck } from '../routes/orders.js';
import { createContextDeps } from './context-extension.js';
import type { ExtendServer, ServerContext } from './server-context.js';

// The notes room of each running server, for rooms that write notes too (novomind copies notes from its events).
// Keyed by the ServerContext, so several servers in one process (tests) never share one.
const notesOfServer = new WeakMap<ServerContext, Notes>();

/** The running server's notes room, when its extension was created before the caller's; else null. */
export function findNotes(ctx: ServerContext): Notes | null {
  return notesOfServer.get(ctx) ?? null;
}

export type NotesExtensionOptions = Partial<
  Pick<
    NotesDeps,
    | 'sleep'
    | 'setTimer'
    | 'random'
    | 'lock'
    | 'inlineBudgetMs'
    | 'attemptBudgetMs'
    | 'leaseMs'
    | 'idleIntervalMs'
  >
> & {
  /** Hands the assembled room to the caller (tests drive the worker with it). */
  onReady?: (notes: Notes) => void;
};

/** The notes room as a server extension: its router, its worker (started and stopped with the server), its gauge. */
export function createNotesExtension(options: NotesExtensionOptions = {}): ExtendServer {
  return (ctx) => {
    const { onReady, ...tuning } = options;
    const attemptBudgetMs = ctx.config.notes.attemptTimeoutMs;
    const notes = createNotes({
      // A lease outlives its attempt by as much again: the margin covers a slow commit after a late answer.
      attemptBudgetMs,
      leaseMs: 2 * attemptBudgetMs,
      // The agent's request has a total budget: the inline write may take at most half of it, the ownership
      // check the rest; past that, the answer is 202 and the attempt goes on.
      inlineBudgetMs: Math.min(4_000, Math.floor(ctx.config.requestBudgetMs / 2)),
      lock: ctx.orderLock,
      ...tuning,
      outbox: ctx.repos.noteOutbox,
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      cache: ctx.cache,
      logger: ctx.logger,
      now: ctx.now,
    });
    ctx.metrics.setQueuedNotesSource(() => notes.countQueued());
    notesOfServer.set(ctx, notes);
    onReady?.(notes);
    return {
      apiRouters: [
        createNotesRouter({
          notes: notes.service,
          // The order detail's own rule and cache: usually warm, since the agent is looking at that order.
          ensureOrderVisible: createOrderVisibilityCheck(createContextDeps(ctx)),
        }),
      ],
      start: () => notes.worker.start(),
      stop: () => notes.worker.stop(),
    };
  };
}
