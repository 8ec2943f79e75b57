import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

export const CORRELATION_HEADER = 'X-Correlation-Id';
/** Inbound ids are reused only when they cannot smuggle anything into logs or headers. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

const LOCALS_KEY = 'correlationId';

/** Puts a correlation id on every response, reusing a safe inbound one (novomind or a proxy may send theirs). */
export function createCorrelationMiddleware(generate: () => string = randomUUID): RequestHandler {
  return (req, res, next) => {
    const inbound = req.get(CORRELATION_HEADER);
    const id = inbound !== undefined && CORRELATION_ID_PATTERN.test(inbound) ? inbound : generate();
    res.locals[LOCALS_KEY] = id;
    res.set(CORRELATION_HEADER, id);
    next();
  };
}

export function getCorrelationId(res: Response): string {
  const id: unknown = res.locals[LOCALS_KEY];
  // Only reachable if a handler runs before the middleware: still answer with something traceable.
  return typeof id === 'string' ? id : 'unknown';
}
