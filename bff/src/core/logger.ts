/**
 * The logger port every room may use. It is pino's interface (structured fields first, message second,
 * `child()` for bound fields); http/logger.ts creates the real one and the request logger.
 */
export type { Logger } from 'pino';
