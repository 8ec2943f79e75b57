/**
 * Signs s2s tokens the way novomind's iAGENT app must (DESIGN §10). Used by tests and the README's recipe is
 * exactly what this produces: HS256, `aud` order-context-s2s, `sub`, `iat`, `exp` ≤ 5 minutes later, `scope`,
 * optionally `market`.
 */
import { SignJWT } from 'jose';
import { S2S_AUDIENCE } from '../config.js';
import { S2S_ALGORITHM, type S2sScope } from './s2s-token.js';

export interface S2sTokenInput {
  /** The client's name (`sub`), e.g. the iAGENT installation. */
  client: string;
  scopes: readonly S2sScope[];
  market?: string;
}

export interface SignS2sTokenOptions {
  secret: string;
  /** Default 300 (the most the BFF accepts). */
  ttlSec?: number;
  now?: () => number;
  audience?: string;
}

export function signS2sToken(input: S2sTokenInput, options: SignS2sTokenOptions): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: Record<string, string> = { scope: input.scopes.join(' ') };
  if (input.market !== undefined) claims.market = input.market;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: S2S_ALGORITHM, typ: 'JWT' })
    .setSubject(input.client)
    .setAudience(options.audience ?? S2S_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlSec ?? 300))
    .sign(new TextEncoder().encode(options.secret));
}
