import { createNotes, type Notes, type NotesDeps } from '../notes/index.js';
import { createNotesRouter } from '../routes/notes.js';
import { createOrderVisibilityCheck } from '../routes/orders.js';
import { createContextDeps } from './context-extension.js';
import type { ExtendServer, ServerContext } from './server-context.js';

/** The notes room of each running product, for rooms that write through it (status audits, ticket events). */
const NOTES = new WeakMap<ServerContext, Notes>();

/** The notes room createNotesExtension built for this product, or undefined when it is not installed. */
export function notesOf(ctx: ServerContext): Notes | undefined {
  return NOTES.get(ctx);
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
      ownWrites: ctx.repos.ownWrites,
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      cache: ctx.cache,
      logger: ctx.logger,
      now: ctx.now,
    });
    ctx.metrics.setQueuedNotesSource(() => notes.countQueued());
    NOTES.set(ctx, notes);
    // The console's "retry failed notes": back in the queue, and the worker told now rather than at its next tick.
    ctx.ops.provideNotes({
      async retryFailed(storeKey) {
        const requeued = await notes.outbox.requeueFailed(ctx.now(), storeKey);
        if (requeued > 0) notes.worker.notify(ctx.now());
        return requeued;
      },
    });
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

/** The notes room for rooms created after it (novomind copies notes from its events); null when not installed. */
export function findNotes(ctx: ServerContext): Notes | null {
  return notesOf(ctx) ?? null;
}
