/**
 * novomind's rate limit as a sliding minute: a request may go when fewer than `maxPerMinute` were sent in the
 * 60 s before it. Send times are kept with the push's state, so a restart does not reset the window.
 */
export const RATE_WINDOW_MS = 60_000;

/** The send times still inside the window. */
export function keepRecent(sends: readonly number[], now: number): number[] {
  return sends.filter((at) => at > now - RATE_WINDOW_MS && at <= now).sort((a, b) => a - b);
}

/** When the next request may go: now, or when the oldest send in a full window leaves it. */
export function nextSendAt(sends: readonly number[], now: number, maxPerMinute: number): number {
  const recent = keepRecent(sends, now);
  if (recent.length < maxPerMinute) return now;
  return (recent[recent.length - maxPerMinute] ?? now) + RATE_WINDOW_MS;
}
