/** Injected wherever the widget waits or reads the time, so tests never depend on the wall clock. */
export type Clock = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = () => Date.now();
