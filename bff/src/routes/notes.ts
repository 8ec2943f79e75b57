import { Router, type Response } from 'express';
import { getSession, requireScope } from '../auth/sessions.js';
import { getCorrelationId } from '../http/correlation.js';
import { parseOrderIdParam } from '../http/params.js';
import { parseIdempotencyKey, parseNoteText, type NoteService } from '../notes/index.js';

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
