/**
 * Verifies the embed token novomind's iAGENT app signs for a ticket (DESIGN §4). Each fault has its own
 * 401 code so an admin can tell a clock problem from a wrong secret from a replay.
 */
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Scope } from '../../../shared/common.js';
import { LOCALE_PATTERN, orderScopes, resolveMarket, type AppConfig, type MarketConfig } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { JtiRepo } from '../store/index.js';

/** Seconds of clock skew we forgive between novomind's server and ours. */
export const CLOCK_TOLERANCE_SEC = 30;
export const EMBED_ALGORITHM = 'HS256';

export interface VerifiedEmbedToken {
  agent: string;
  ticket: string;
  email: string | null;
  /** novomind contact External ID, taken as the BigCommerce customer id by the matching code. */
  customer: string | null;
  market: MarketConfig;
  /** The token's `channel` claim (a routing hint only: the market's `channels` decide what is shown). */
  channel: number | null;
  /** The token's locale, else the market's first locale, else "en". */
  locale: string;
  /** Token scopes ∩ market permissions, in catalog order; always includes orders:read. */
  scopes: Scope[];
  /** The `order` claim: the order the ticket is about (the widget opens it when it is the shopper's). */
  order: number | null;
  /** The `ticketCreatedAt` claim in epoch ms: what changed since then is marked. */
  ticketCreatedAt: number | null;
  jti: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
}

export interface EmbedTokenVerifier {
  verify(token: string): Promise<VerifiedEmbedToken>;
}

export interface EmbedTokenVerifierDeps {
  config: Pick<AppConfig, 'embed' | 'markets' | 'defaultMarket'>;
  jti: Pick<JtiRepo, 'consume'>;
  now?: () => number;
}

// novomind sends "" for an unknown contact field; that means "not given", not "given as empty".
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);
const optionalText = (max: number) => z.preprocess(blank, z.optional(z.string().trim().min(1).max(max)));
const idLike = (max: number) =>
  z.union([z.string().trim().min(1).max(max), z.number().int().nonnegative().transform(String)]);
// A BigCommerce channel id; signers in languages without a JSON number type send it as a string.
const CHANNEL_PATTERN = /^[1-9][0-9]{0,9}$/;
const channelId = z.union([
  z.number().int().positive().max(9_999_999_999),
  z
    .string()
    .trim()
    .regex(CHANNEL_PATTERN)
    .transform((value) => Number(value)),
]);

// BigCommerce order ids are positive 32-bit integers (as in the API's paths); a Java or PHP signer may send one as
// a string ("521").
const MAX_ORDER_ID = 2_147_483_647;
const orderId = z.union([
  z.number().int().positive().max(MAX_ORDER_ID),
  z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform((value) => Number(value))
    .pipe(z.number().max(MAX_ORDER_ID)),
]);
// ISO 8601 with a date and time, with an offset or Z (a bare local time would be read in our zone, not novomind's).
const instant = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));

const ClaimsSchema = z.object({
  sub: z.string().trim().min(1).max(256),
  ticket: idLike(128),
  jti: z.string().min(1).max(256),
  iat: z.number().int(),
  exp: z.number().int(),
  email: z.preprocess(
    blank,
    z.optional(
      z
        .string()
        .trim()
        .max(320)
        .regex(/^[^\s@]+@[^\s@]+$/),
    ),
  ),
  customer: z.preprocess(blank, z.optional(idLike(64))),
  market: optionalText(64),
  channel: z.preprocess(blank, z.optional(channelId)),
  locale: z.preprocess(blank, z.optional(z.string().regex(LOCALE_PATTERN))),
  scope: z.preprocess(blank, z.optional(z.string().max(512))),
  order: z.preprocess(blank, z.optional(orderId)),
  ticketCreatedAt: z.preprocess(blank, z.optional(instant)),
});

/**
 * The key for a token: its market's own secret when that market has one, else EMBED_SECRET.
 * Reads the (unverified) market/locale claims only to choose the key; the signature check then proves them.
 */
export function selectEmbedSecret(
  config: Pick<AppConfig, 'embed' | 'markets' | 'defaultMarket'>,
  claims: { market?: unknown; locale?: unknown; channel?: unknown },
): string {
  const channel = channelId.safeParse(claims.channel);
  const market = resolveMarket(config, {
    market: typeof claims.market === 'string' && claims.market !== '' ? claims.market : null,
    locale: typeof claims.locale === 'string' && claims.locale !== '' ? claims.locale : null,
    channel: channel.success ? channel.data : null,
  });
  return market?.embedSecret ?? config.embed.secret;
}

export function encodeSecret(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

function mapJoseError(error: unknown): AppError {
  // JWTExpired is a JWTClaimValidationFailed too, so it is checked first.
  if (error instanceof joseErrors.JWTExpired) return new AppError('token_expired', { cause: error });
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud' && error.reason === 'check_failed') {
      return new AppError('token_wrong_audience', { cause: error });
    }
    return new AppError('token_claims_invalid', {
      cause: error,
      details: { claim: error.claim, reason: error.reason },
    });
  }
  // Bad signature, alg none/other, malformed compact form: all "this is not a token we issued".
  return new AppError('token_invalid', { cause: error });
}

export function createEmbedTokenVerifier(deps: EmbedTokenVerifierDeps): EmbedTokenVerifier {
  const now = deps.now ?? Date.now;
  const { config } = deps;

  return {
    async verify(token) {
      if (token.trim() === '') throw new AppError('token_missing');

      let unverified: Record<string, unknown>;
      try {
        unverified = decodeJwt(token);
      } catch (error) {
        throw new AppError('token_invalid', { cause: error });
      }
      const secret = selectEmbedSecret(config, unverified);
      const key = encodeSecret(secret);

      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [EMBED_ALGORITHM],
          audience: config.embed.audience,
          clockTolerance: CLOCK_TOLERANCE_SEC,
          requiredClaims: ['sub', 'ticket', 'iat', 'exp', 'jti'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw mapJoseError(error);
      }

      const parsed = ClaimsSchema.safeParse(payload);
      if (!parsed.success) {
        throw new AppError('token_claims_invalid', {
          details: parsed.error.issues.map((issue) => ({ claim: issue.path.join('.'), problem: issue.code })),
        });
      }
      const claims = parsed.data;
      const nowSec = now() / 1000;
      if (claims.exp - claims.iat > config.embed.maxLifetimeSec) {
        throw new AppError('token_claims_invalid', {
          message: 'The embed token lives longer than 15 minutes; sign shorter-lived tokens.',
          details: { lifetimeSec: claims.exp - claims.iat },
        });
      }
      if (claims.iat > nowSec + CLOCK_TOLERANCE_SEC) {
        throw new AppError('token_claims_invalid', {
          message: 'The embed token was issued in the future; check the signing server’s clock.',
        });
      }

      const market = resolveMarket(config, {
        market: claims.market,
        locale: claims.locale,
        channel: claims.channel,
      });
      if (!market) {
        throw new AppError('token_claims_invalid', {
          message: 'The embed token names a market this service does not know.',
          details: { market: claims.market },
        });
      }
      // The key was chosen from the raw claims; the market comes from the parsed ones. They must agree, or a
      // padded claim (" de") signed with EMBED_SECRET would enter a market that has its own secret.
      if ((market.embedSecret ?? config.embed.secret) !== secret) {
        throw new AppError('token_invalid', { details: { market: market.id, reason: 'key_mismatch' } });
      }

      const requested = (claims.scope ?? '').split(/\s+/).filter(Boolean);
      const scopes = orderScopes(requested).filter((scope) => market.permissions.includes(scope));
      if (!scopes.includes('orders:read')) {
        throw new AppError('token_no_scope', { details: { requested, market: market.id } });
      }

      // Last, so a token refused for another reason is not burnt. Kept until the token could not pass the
      // expiry check anyway, in the database so a restart does not reopen the window.
      const seenUntil = (claims.exp + CLOCK_TOLERANCE_SEC) * 1000;
      if (!(await deps.jti.consume(claims.jti, seenUntil))) throw new AppError('token_replayed');

      return {
        agent: claims.sub,
        ticket: claims.ticket,
        email: claims.email ?? null,
        customer: claims.customer ?? null,
        market,
        channel: claims.channel ?? null,
        locale: claims.locale ?? market.locales[0] ?? 'en',
        scopes,
        order: claims.order ?? null,
        ticketCreatedAt: claims.ticketCreatedAt ?? null,
        jti: claims.jti,
        issuedAt: claims.iat * 1000,
        expiresAt: claims.exp * 1000,
      };
    },
  };
}
