import { randomUUID } from 'node:crypto';
import type { RequestScope } from '../context/index.js';
import { createDeadline } from '../core/deadline.js';
import type { SetTimer } from '../notes/index.js';
import type { ChangeFanout } from './change-fanout.js';
import { FEED_RETENTION_MS, type NovomindDeps } from './novomind-deps.js';
import { buildTicketContext } from './ticket-context.js';

export interface FeedWorkerDeps extends NovomindDeps {
  fanout: ChangeFanout;
  setTimer: SetTimer;
  /** New feed rows were written (the push wakes up). */
  onRows?: (rows: number) => void;
  /** How long a background context build may wait for BigCommerce. */
  requestBudgetMs: number;
  /** How long novomind's events and closed tickets are kept (the ticket events' retention). */
  historyMs: number;
  /** Between passes. Default 1 s: a change reaches the feed within seconds of its webhook. */
  intervalMs?: number;
}

export interface FeedWorker {
  start(): void;
  stop(): Promise<void>;
  /** One pass: fan out, match tickets that could not be matched (or were re-linked), purge hourly. */
  runOnce(): Promise<number>;
}

const PURGE_EVERY_MS = 3_600_000;
const REMATCH_PER_PASS = 20;

/**
 * Keeps the feed current in the background, so a change is in the feed (and pushed) within a pass of being
 * recorded, even when nobody reads the feed. Reads of the feed also catch up on their own (ChangeFanout).
 */
export function createFeedWorker(deps: FeedWorkerDeps): FeedWorker {
  const intervalMs = deps.intervalMs ?? 1_000;
  let running = false;
  let cancelTimer: (() => void) | null = null;
  let current: Promise<number> | null = null;
  let lastPurgeAt = Number.NEGATIVE_INFINITY;

  function scope(): RequestScope {
    return {
      correlationId: `novomind-${randomUUID()}`,
      log: { warn: (fields, message) => deps.logger.warn(fields, message) },
      signal: createDeadline(deps.requestBudgetMs),
    };
  }

  /** Tickets registered while BigCommerce was down, and tickets an agent linked to someone else since. */
  async function rematch(): Promise<void> {
    const tickets = [
      ...(await deps.repos.novomindTickets.listUnmatched(REMATCH_PER_PASS)),
      ...(await deps.repos.novomindTickets.listRelinked(REMATCH_PER_PASS)),
    ];
    for (const ticket of tickets) {
      try {
        await buildTicketContext(deps, ticket, scope());
      } catch (error) {
        deps.logger.debug(
          { err: error, ticket: ticket.ticket },
          'ticket not matched yet; trying again later',
        );
      }
    }
  }

  async function purge(): Promise<void> {
    const now = deps.now();
    if (now - lastPurgeAt < PURGE_EVERY_MS) return;
    lastPurgeAt = now;
    const removed = {
      changes: await deps.repos.novomindChanges.purge(now - FEED_RETENTION_MS),
      events: await deps.repos.novomindEvents.purge(now - deps.historyMs),
      tickets: await deps.repos.novomindTickets.purgeClosed(now - deps.historyMs),
    };
    deps.logger.debug({ room: 'novomind', removed }, 'novomind retention pass done');
  }

  async function pass(): Promise<number> {
    // Matching first: a ticket matched now gets the changes this pass fans out.
    await rematch();
    const rows = await deps.fanout.catchUp();
    if (rows > 0) deps.onRows?.(rows);
    await purge();
    return rows;
  }

  function runOnce(): Promise<number> {
    current ??= pass().finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(): void {
    if (!running) return;
    cancelTimer = deps.setTimer(() => {
      runOnce()
        .catch((error: unknown) =>
          deps.logger.error({ err: error }, 'novomind feed pass failed; trying again'),
        )
        .finally(schedule);
    }, intervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
      await current?.catch(() => undefined);
    },
    runOnce,
  };
}
