import type { AppConfig } from '../config.js';
import type { ContextDeps } from '../context/index.js';
import type { Logger } from '../core/logger.js';
import type { Repos } from '../store/index.js';

/** What the novomind room needs from the rest of the BFF; built by wiring/novomind-extension.ts. */
export interface NovomindDeps {
  /** The widget's context room: a ticket's context is built exactly as the widget's first view builds it. */
  context: ContextDeps;
  config: Pick<AppConfig, 'markets' | 'defaultMarket' | 'sandbox'>;
  repos: Pick<
    Repos,
    | 'novomindTickets'
    | 'novomindEvents'
    | 'novomindChanges'
    | 'novomindPush'
    | 'orderChanges'
    | 'orderIndex'
    | 'ticketEvents'
    | 'errorLog'
  >;
  now: () => number;
  logger: Logger;
}

/** DESIGN §10: a closed ticket gets changes for this long after it was closed. */
export const CLOSED_TICKET_WINDOW_MS = 7 * 24 * 3_600_000;
/** DESIGN §10: the feed keeps changes this long; an older cursor is 410 cursor_expired. */
export const FEED_RETENTION_MS = 14 * 24 * 3_600_000;
