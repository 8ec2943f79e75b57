import { createHash, timingSafeEqual } from 'node:crypto';

/** The token of an `Authorization: Bearer …` header, or null when there is none. */
export function readBearer(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * True when an `Authorization: Bearer …` header carries exactly `expected`. Compares digests in constant
 * time, so neither the token's content nor its length leaks through response timing.
 */
export function hasBearer(header: string | undefined, expected: string): boolean {
  const token = readBearer(header);
  if (token === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(token), digest(expected));
}
