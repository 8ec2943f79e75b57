/**
 * Verifies the tokens novomind's iAGENT app signs for the server-to-server API (DESIGN §10). They share the
 * embed tokens' format (HS256 JWT) but nothing else: their own secret (S2S_SECRET, which config.ts refuses to
 * be any embed secret), their own audience, a 5-minute lifetime and their own scopes. An embed token fails
 * here on its signature, and an s2s token fails POST /api/v1/session the same way.
 */
import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { AppConfig, MarketConfig } from '../config.js';
import { AppError } from '../core/app-error.js';

export const S2S_SCOPES = ['context:read', 'changes:read', 'events:write'] as const;
export type S2sScope = (typeof S2S_SCOPES)[number];
export const S2S_ALGORITHM = 'HS256';
/** Seconds of clock skew forgiven between novomind's server and ours (as for embed tokens). */
export const S2S_CLOCK_TOLERANCE_SEC = 30;

/** Who is calling: the token's `sub`, its scopes, and the one market it is limited to (if any). */
export interface S2sClient {
  name: string;
  scopes: S2sScope[];
  /** From the `market` claim: the client sees and registers only this market's tickets. */
  market: MarketConfig | null;
}

export interface S2sTokenVerifier {
  verify(token: string): Promise<S2sClient>;
}

export interface S2sTokenVerifierDeps {
  config: Pick<AppConfig, 's2s' | 'markets'>;
  now?: () => number;
}

const ClaimsSchema = z.object({
  sub: z.string().trim().min(1).max(256),
  iat: z.number().int(),
  exp: z.number().int(),
  scope: z.optional(z.string().max(512)),
  market: z.optional(z.string().min(1).max(64)),
});

const MESSAGES = {
  token_missing: 'No s2s token was given (Authorization: Bearer <JWT>).',
  token_invalid: 'The s2s token is malformed or its signature is wrong.',
  token_expired: 'The s2s token has expired; sign a new one for each run.',
  token_wrong_audience: 'The s2s token was issued for another audience (expected "order-context-s2s").',
  token_claims_invalid: 'The s2s token lacks required claims (sub, iat, exp) or lives longer than 5 minutes.',
} as const;

function refuse(code: keyof typeof MESSAGES, options: { cause?: unknown; details?: unknown } = {}): AppError {
  return new AppError(code, { message: MESSAGES[code], ...options });
}

function mapJoseError(error: unknown): AppError {
  // JWTExpired is a JWTClaimValidationFailed too, so it is checked first.
  if (error instanceof joseErrors.JWTExpired) return refuse('token_expired', { cause: error });
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return refuse('token_wrong_audience', { cause: error });
    return refuse('token_claims_invalid', { cause: error, details: { claim: error.claim } });
  }
  return refuse('token_invalid', { cause: error });
}

export function createS2sTokenVerifier(deps: S2sTokenVerifierDeps): S2sTokenVerifier {
  const now = deps.now ?? Date.now;
  const { s2s, markets } = deps.config;
  const key = s2s.secret === null ? null : new TextEncoder().encode(s2s.secret);

  return {
    async verify(token) {
      if (key === null) throw new AppError('not_found');
      if (token.trim() === '') throw refuse('token_missing');
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [S2S_ALGORITHM],
          audience: s2s.audience,
          clockTolerance: S2S_CLOCK_TOLERANCE_SEC,
          requiredClaims: ['sub', 'iat', 'exp'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw mapJoseError(error);
      }
      const parsed = ClaimsSchema.safeParse(payload);
      if (!parsed.success) {
        throw refuse('token_claims_invalid', {
          details: parsed.error.issues.map((issue) => ({ claim: issue.path.join('.'), problem: issue.code })),
        });
      }
      const claims = parsed.data;
      if (
        claims.exp - claims.iat > s2s.maxLifetimeSec ||
        claims.iat > now() / 1000 + S2S_CLOCK_TOLERANCE_SEC
      ) {
        throw refuse('token_claims_invalid', { details: { iat: claims.iat, exp: claims.exp } });
      }
      let market: MarketConfig | null = null;
      if (claims.market !== undefined) {
        market = Object.hasOwn(markets, claims.market) ? (markets[claims.market] ?? null) : null;
        if (market === null) {
          throw new AppError('token_claims_invalid', {
            message: 'The s2s token names a market this service does not know.',
            details: { market: claims.market },
          });
        }
      }
      const requested = new Set((claims.scope ?? '').split(/\s+/).filter(Boolean));
      return { name: claims.sub, scopes: S2S_SCOPES.filter((scope) => requested.has(scope)), market };
    },
  };
}

/** 403 unless the client holds the scope (DESIGN §10: a missing scope is 403, every token fault 401). */
export function requireS2sScope(client: S2sClient, scope: S2sScope): void {
  if (!client.scopes.includes(scope)) {
    throw new AppError('forbidden', {
      message: `The s2s token lacks the scope "${scope}".`,
      details: { needs: scope, client: client.name },
    });
  }
}
