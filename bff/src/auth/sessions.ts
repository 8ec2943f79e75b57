/**
 * Ticket-scoped sessions (DESIGN §4). The embed token arrives once; the widget then holds a random
 * session id in memory (no third-party cookies in iframes) and sends it as a Bearer header.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Scope } from '../../../shared/common.js';
import { orderScopes, type AppConfig, type MarketConfig } from '../config.js';
import { AppError } from '../core/app-error.js';
import { readBearer } from './bearer.js';
import type { SessionRepo, TicketEventRepo } from '../store/index.js';
import type { EmbedTokenVerifier } from './embed-token.js';

/** What a request with a valid session may act on. Read it with getSession(res). */
export interface Session {
  /** Non-secret handle for logs (a prefix of the id's hash). */
  ref: string;
  ticket: string;
  agent: string;
  /** novomind contact External ID (the BigCommerce customer id to try first), if the token had one. */
  customer: string | null;
  email: string | null;
  market: MarketConfig;
  /** Key into config.stores (and the BigCommerce clients) for this session's market. */
  storeKey: string;
  scopes: Scope[];
  locale: string;
  /** The order the ticket is about (token claim `order`), or null. */
  order: number | null;
  /** When the ticket was opened (claim `ticketCreatedAt`, epoch ms), or null. */
  ticketCreatedAt: number | null;
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
}

export interface OpenedSession {
  /** The bearer secret; returned once, never stored. */
  id: string;
  session: Session;
}

export interface SessionService {
  /** Verifies an embed token and opens a session for it. Throws AppError (token_*) on any fault. */
  open(token: string, context?: { correlationId?: string }): Promise<OpenedSession>;
  /** The live session for a bearer id, or null. */
  find(id: string): Promise<Session | null>;
}

export interface SessionServiceDeps {
  config: Pick<AppConfig, 'markets' | 'sessionTtlMs'>;
  verifier: EmbedTokenVerifier;
  sessions: SessionRepo;
  ticketEvents?: Pick<TicketEventRepo, 'append'>;
  now?: () => number;
}

// 32 random bytes in base64url: 43 characters.
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Every widget call resolves its session; hashing plus a database read per call were a tenth of a warm view's CPU.
 * Resolved sessions are kept in memory briefly. Sessions are never revoked before they expire (expiry is
 * checked on every hit) and the config is fixed for the process, so the copy never grants more than the
 * stored record does.
 */
const RESOLVED_TTL_MS = 60_000;
const RESOLVED_MAX = 10_000;

/** Wraps `find` with the short-lived in-memory copy described above. */
function rememberResolved(service: SessionService, now: () => number): SessionService {
  const resolved = new Map<string, { session: Session; until: number }>();
  return {
    open: (token, context) => service.open(token, context),
    async find(id) {
      const at = now();
      const hit = resolved.get(id);
      if (hit && hit.until > at && hit.session.expiresAt > at) return hit.session;
      resolved.delete(id);
      const session = await service.find(id);
      if (session) {
        // A crude bound: sessions are re-read from the database after a reset, nothing is lost.
        if (resolved.size >= RESOLVED_MAX) resolved.clear();
        resolved.set(id, { session, until: at + RESOLVED_TTL_MS });
      }
      return session;
    },
  };
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function createSessionService(deps: SessionServiceDeps): SessionService {
  const now = deps.now ?? Date.now;

  return rememberResolved(createStoredSessions(deps, now), now);
}

function createStoredSessions(deps: SessionServiceDeps, now: () => number): SessionService {
  return {
    async open(token, context = {}) {
      const verified = await deps.verifier.verify(token);
      const at = now();
      const id = randomBytes(32).toString('base64url');
      const idHash = hashSessionId(id);
      const expiresAt = at + deps.config.sessionTtlMs;
      await deps.sessions.purgeExpired(at);
      await deps.sessions.insert({
        idHash,
        ticket: verified.ticket,
        agent: verified.agent,
        customer: verified.customer,
        email: verified.email,
        market: verified.market.id,
        store: verified.market.store,
        scopes: verified.scopes,
        locale: verified.locale,
        jti: verified.jti,
        createdAt: at,
        expiresAt,
        order: verified.order,
        ticketCreatedAt: verified.ticketCreatedAt,
      });
      await deps.ticketEvents?.append({
        ticket: verified.ticket,
        orderId: null,
        agent: verified.agent,
        type: 'session.opened',
        status: 'ok',
        correlationId: context.correlationId ?? null,
        at,
      });
      return {
        id,
        session: {
          ref: idHash.slice(0, 12),
          ticket: verified.ticket,
          agent: verified.agent,
          customer: verified.customer,
          email: verified.email,
          market: verified.market,
          storeKey: verified.market.store,
          scopes: verified.scopes,
          locale: verified.locale,
          order: verified.order,
          ticketCreatedAt: verified.ticketCreatedAt,
          createdAt: at,
          expiresAt,
        },
      };
    },

    async find(id) {
      if (!SESSION_ID_PATTERN.test(id)) return null;
      const record = await deps.sessions.findByHash(hashSessionId(id), now());
      if (!record) return null;
      // A market removed from the config since the session opened: its rights no longer exist.
      const market = Object.hasOwn(deps.config.markets, record.market)
        ? deps.config.markets[record.market]
        : undefined;
      if (!market || market.store !== record.store) return null;
      return {
        ref: record.idHash.slice(0, 12),
        ticket: record.ticket,
        agent: record.agent,
        customer: record.customer,
        email: record.email,
        market,
        storeKey: record.store,
        // Re-capped by today's permissions: narrowing a market's rights takes effect on live sessions.
        scopes: orderScopes(record.scopes).filter((scope) => market.permissions.includes(scope)),
        locale: record.locale,
        order: record.order,
        ticketCreatedAt: record.ticketCreatedAt,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
      };
    },
  };
}

const LOCALS_KEY = 'session';

/** Reads `Authorization: Bearer <session>`; 401 session_missing / session_invalid. */
export function requireSession(service: Pick<SessionService, 'find'>): RequestHandler {
  return async (req, res, next) => {
    const token = readBearer(req.get('Authorization'));
    if (token === null) throw new AppError('session_missing');
    const session = await service.find(token);
    if (!session) throw new AppError('session_invalid');
    res.locals[LOCALS_KEY] = session;
    next();
  };
}

/** 403 forbidden unless the session holds the scope. Mount after requireSession. */
export function requireScope(scope: Scope): RequestHandler {
  return (_req, res, next) => {
    if (!getSession(res).scopes.includes(scope)) {
      throw new AppError('forbidden', { details: { needs: scope } });
    }
    next();
  };
}

/** The request's session. Throws (a programming error: 500) when used on a route without requireSession. */
export function getSession(res: Response): Session {
  const session: unknown = res.locals[LOCALS_KEY];
  if (session === undefined) throw new Error('getSession() on a route without requireSession');
  return session as Session;
}
