import { Router, type Response } from 'express';
import { getSession, requireScope } from '../auth/sessions.js';
import { getCorrelationId } from '../http/correlation.js';
import {
  createNotes,
  parseIdempotencyKey,
  parseNoteText,
  type NoteService,
  type Notes,
  type NotesDeps,
} from '../notes/index.js';
import type { ExtendServer } from '../server.js';
import { createContextDeps } from './context.js';
import { createOrderVisibilityCheck, parseOrderIdParam } from './orders.js';

export interface NotesRouterDeps {
  notes: Pick<NoteService, 'submitNote'>;
  /**
   * Throws AppError order_not_found unless the order belongs to the session's matched shopper (the same rule
   * as the order detail). Checked before a new note is stored, so a note can never be queued for a stranger.
   */
  ensureOrderVisible: (res: Response, orderId: number) => Promise<void>;
}

/**
 * POST /api/v1/orders/:orderId/notes (DESIGN §5). 201 written, 202 queued; a replay of the Idempotency-Key
 * answers the note's current state. Mounted under /api/v1 after requireSession.
 */
export function createNotesRouter(deps: NotesRouterDeps): Router {
  const router = Router();
  router.post('/orders/:orderId/notes', requireScope('notes:write'), async (req, res) => {
    // The same rule as GET /orders/:orderId, so anything else never reaches the outbox.
    const orderId = parseOrderIdParam(req.params.orderId);
    const idempotencyKey = parseIdempotencyKey(req.get('Idempotency-Key'));
    const text = parseNoteText(req.body);
    const session = getSession(res);
    const answer = await deps.notes.submitNote(
      {
        storeKey: session.storeKey,
        orderId,
        ticket: session.ticket,
        agent: session.agent,
        text,
        idempotencyKey,
        correlationId: getCorrelationId(res),
      },
      () => deps.ensureOrderVisible(res, orderId),
    );
    res.status(answer.httpStatus).json(answer.note);
  });
  return router;
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
    const notes = createNotes({
      ...tuning,
      outbox: ctx.repos.noteOutbox,
      clientFor: (storeKey) => ctx.clientFor(storeKey),
      cache: ctx.cache,
      logger: ctx.logger,
      now: ctx.now,
    });
    ctx.metrics.setQueuedNotesSource(() => notes.countQueued());
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
