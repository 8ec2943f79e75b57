/**
 * Signs embed tokens the way novomind's iAGENT app must (DESIGN §4). Used by the sign-url CLI, the /demo
 * page and tests; the format documented for admins is exactly what this produces.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Scope } from '../../../shared/common.js';
import type { AppConfig } from '../config.js';
import { EMBED_ALGORITHM, encodeSecret, selectEmbedSecret } from './embed-token.js';

export interface EmbedTokenInput {
  /** Agent username (`sub`). */
  agent: string;
  ticket: string;
  email?: string;
  /** novomind contact External ID. */
  customer?: string;
  market?: string;
  /** BigCommerce channel id, a routing hint after `market` and `locale`. */
  channel?: number | string;
  locale?: string;
  /** Space-separated or a list; omitted = no scope claim (the token is then refused as scope-less). */
  scope?: string | readonly Scope[];
  /** The order the ticket is about (`order`). */
  order?: number;
  /** When the ticket was opened (`ticketCreatedAt`, ISO 8601). */
  ticketCreatedAt?: string;
}

export interface SignEmbedTokenOptions {
  secret: string;
  audience: string;
  /** Lifetime in seconds; the BFF refuses more than 900. Default 300. */
  ttlSec?: number;
  now?: () => number;
  jti?: string;
}

export async function signEmbedToken(
  input: EmbedTokenInput,
  options: SignEmbedTokenOptions,
): Promise<string> {
  const ttlSec = options.ttlSec ?? 300;
  if (!Number.isInteger(ttlSec) || ttlSec <= 0) throw new RangeError('ttlSec must be a positive integer');
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: Record<string, string | number> = { ticket: input.ticket };
  if (input.email !== undefined) claims.email = input.email;
  if (input.customer !== undefined) claims.customer = input.customer;
  if (input.market !== undefined) claims.market = input.market;
  if (input.channel !== undefined) claims.channel = input.channel;
  if (input.locale !== undefined) claims.locale = input.locale;
  if (input.order !== undefined) claims.order = input.order;
  if (input.ticketCreatedAt !== undefined) claims.ticketCreatedAt = input.ticketCreatedAt;
  if (input.scope !== undefined)
    claims.scope = typeof input.scope === 'string' ? input.scope : input.scope.join(' ');
  return new SignJWT(claims)
    .setProtectedHeader({ alg: EMBED_ALGORITHM, typ: 'JWT' })
    .setSubject(input.agent)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSec)
    .setJti(options.jti ?? randomUUID())
    .sign(encodeSecret(options.secret));
}

/** Signs with the key the BFF will expect for this input (the market's own secret, else EMBED_SECRET). */
export function signEmbedTokenFor(
  config: Pick<AppConfig, 'embed' | 'markets' | 'defaultMarket'>,
  input: EmbedTokenInput,
  options: { ttlSec?: number; now?: () => number } = {},
): Promise<string> {
  return signEmbedToken(input, {
    ...options,
    secret: selectEmbedSecret(config, input),
    audience: config.embed.audience,
  });
}

/** `${base}/widget/?token=…`, the URL the iAGENT info tab opens. */
export function buildWidgetUrl(base: string, token: string): string {
  // Relative, so a base with a path prefix (a reverse proxy's /order-context/) is kept.
  const url = new URL('widget/', base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('token', token);
  return url.toString();
}
