// Every date in the seed is relative to a fixed instant, so the data never drifts with the wall clock.

/** 2026-11-01T12:00:00Z */
export const SANDBOX_BASE_DATE_MS = Date.UTC(2026, 10, 1, 12, 0, 0);
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Keeps generated events (shipments, refunds) before the base date. */
export function clampToBase(ms: number): number {
  return Math.min(ms, SANDBOX_BASE_DATE_MS - 60_000);
}
