import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when an `Authorization: Bearer …` header carries exactly `expected`. Compares digests in constant
 * time, so neither the token's content nor its length leaks through response timing.
 */
export function hasBearer(header: string | undefined, expected: string): boolean {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
