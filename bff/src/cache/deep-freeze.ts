/**
 * Freezes plain data in place, all the way down. The cache stores references (`useClones: false`,
 * because cloning every hit costs more than the lookup), so a caller that mutated a cached value
 * would silently change what every later caller sees; frozen, the mutation throws in strict mode.
 * Map, Set and Date internals are not frozen: cache plain (zod-parsed) data.
 */
export function deepFreeze<T>(value: T): T {
  freezeInto(value, new WeakSet());
  return value;
}

function freezeInto(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  // Typed arrays with elements cannot be frozen (Object.freeze throws), and buffers are not DTOs.
  if (ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    freezeInto((value as Record<PropertyKey, unknown>)[key], seen);
  }
}
