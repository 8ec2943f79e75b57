/** How much history a log-like table keeps: whichever bound bites first. */
export interface Retention {
  maxAgeMs: number;
  maxRows: number;
}

export interface RetentionPolicy {
  errorLog: Retention;
  ticketEvents: Retention;
}

const DAY = 24 * 3_600_000;

/** Defaults (ERROR_LOG_* and TICKET_EVENTS_* variables override them, see config.ts). */
export const DEFAULT_RETENTION: RetentionPolicy = {
  errorLog: { maxAgeMs: 30 * DAY, maxRows: 10_000 },
  ticketEvents: { maxAgeMs: 90 * DAY, maxRows: 1_000_000 },
};
