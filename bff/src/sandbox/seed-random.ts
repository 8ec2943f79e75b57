// Small helpers over the seeded PRNG used by the seed generator.
import type { Prng } from './prng.js';

/** Picks a value with probability proportional to its weight. */
export function weighted<T>(prng: Prng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = prng.next() * total;
  for (const [value, w] of entries) {
    roll -= w;
    if (roll < 0) return value;
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

export function createUuid(prng: Prng): string {
  const hex = '0123456789abcdef';
  return `${prng.chars(hex, 8)}-${prng.chars(hex, 4)}-4${prng.chars(hex, 3)}-a${prng.chars(hex, 3)}-${prng.chars(hex, 12)}`;
}
