/**
 * The novomind room: the server-to-server side (DESIGN §10). novomind's iAGENT app registers tickets, posts
 * ticket events and reads the changes feed (or has it pushed), authenticated by s2s tokens; the routes in
 * routes/s2s.ts are its HTTP face, wiring/novomind-extension.ts starts its workers.
 */
import type { Registry } from 'prom-client';
import type { TicketContext, ChangesPage, EventsAnswer, TicketEventsList } from '../../../shared/s2s.js';
import type { AppConfig } from '../config.js';
import type { RequestScope } from '../context/index.js';
import type { PushFacts } from '../ops/index.js';
import type { SetTimer } from '../notes/index.js';
import { createChangeFanout, type ChangeFanout } from './change-fanout.js';
import { readChanges, type FeedQuery } from './changes-feed.js';
import { acceptEvents, type EventsDeps } from './events-intake.js';
import { createFeedWorker, type FeedWorker } from './feed-worker.js';
import { createNovomindMetrics, type NovomindMetrics } from './novomind-metrics.js';
import type { NovomindDeps } from './novomind-deps.js';
import { createFetchTransport, type PushTransport } from './push-sender.js';
import { createPushWorker, type PushTarget, type PushWorker } from './push-worker.js';
import { createS2sTokenVerifier, type S2sClient, type S2sTokenVerifier } from './s2s-token.js';
import { createStatusLabels } from './status-labels.js';
import { listTicketEvents } from './ticket-events.js';
import type { TicketInput } from './ticket-input.js';
import { readTicketContext, registerTicket } from './ticket-registry.js';

export { parseTicketId, parseTicketInput, type TicketInput } from './ticket-input.js';
export { S2S_SCOPES, requireS2sScope, type S2sClient, type S2sScope } from './s2s-token.js';
export { signS2sToken, type S2sTokenInput } from './sign-s2s-token.js';
export { signWebhook, webhookKey } from './push-signature.js';
export { noteKeyOf, type StoredTicketEvent } from './events-intake.js';
export { toPlainFields, toPlainText } from './plain-fields.js';
export { CLOSED_TICKET_WINDOW_MS, FEED_RETENTION_MS, type NovomindDeps } from './novomind-deps.js';
export type { PushTransport } from './push-sender.js';
export type { PushTarget, PushWorker } from './push-worker.js';
export type { FeedWorker } from './feed-worker.js';

export interface NovomindRoomDeps extends NovomindDeps, Pick<EventsDeps, 'notes' | 'writeBackTicketEvent'> {
  config: NovomindDeps['config'] & Pick<AppConfig, 's2s'>;
  clientFor: Parameters<typeof createStatusLabels>[0]['clientFor'];
  registry: Registry;
  setTimer: SetTimer;
  random?: () => number;
  /** Default: node's fetch. */
  transport?: PushTransport;
  requestBudgetMs: number;
  /** How long novomind's events and closed tickets are kept. */
  historyMs: number;
  /** Feed worker interval (ms). */
  feedIntervalMs?: number;
}

export interface Novomind {
  verifier: S2sTokenVerifier;
  fanout: ChangeFanout;
  feedWorker: FeedWorker;
  pushWorker: PushWorker;
  metrics: NovomindMetrics;
  registerTicket(
    client: S2sClient,
    ticket: string,
    input: TicketInput,
    scope: RequestScope,
  ): Promise<TicketContext>;
  readTicketContext(client: S2sClient, ticket: string, scope: RequestScope): Promise<TicketContext>;
  acceptEvents(client: S2sClient, body: unknown, scope: RequestScope): Promise<EventsAnswer>;
  listTicketEvents(client: S2sClient, ticket: string): Promise<TicketEventsList>;
  readChanges(client: S2sClient, query: FeedQuery): Promise<ChangesPage>;
  /** The push queue of a store's markets, summed, for the operations console. */
  pushFacts(storeKey: string): Promise<PushFacts>;
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** The markets that push, from the config (DESIGN §10 Push). */
export function collectPushTargets(config: Pick<AppConfig, 'markets'>): PushTarget[] {
  return Object.values(config.markets).flatMap((market) =>
    market.novomind?.push
      ? [
          {
            market: market.id,
            url: market.novomind.push.url,
            secret: market.novomind.push.secret,
            maxRequestsPerMinute: market.novomind.push.maxRequestsPerMinute,
          },
        ]
      : [],
  );
}

export function createNovomind(deps: NovomindRoomDeps): Novomind {
  const logger = deps.logger.child({ room: 'novomind' });
  const base: NovomindDeps = { ...deps, logger };
  const metrics = createNovomindMetrics(deps.registry, deps.now);
  const statusLabels = createStatusLabels({ clientFor: deps.clientFor, now: deps.now, logger });
  const fanout = createChangeFanout({ ...base, statusLabels });
  // The config is fixed for the process: the markets that push are known once.
  const pushTargets = collectPushTargets(deps.config);
  const pushWorker = createPushWorker({
    targets: pushTargets,
    changes: deps.repos.novomindChanges,
    push: deps.repos.novomindPush,
    errorLog: deps.repos.errorLog,
    fanout,
    transport: deps.transport ?? createFetchTransport(),
    metrics,
    logger,
    now: deps.now,
    setTimer: deps.setTimer,
    random: deps.random ?? Math.random,
  });
  const feedWorker = createFeedWorker({
    ...base,
    fanout,
    setTimer: deps.setTimer,
    requestBudgetMs: deps.requestBudgetMs,
    historyMs: deps.historyMs,
    intervalMs: deps.feedIntervalMs,
    onRows: (rows) => {
      metrics.recordFanout(rows);
      pushWorker.notify();
    },
  });
  metrics.setPushBacklogSource(async () => {
    const out = [];
    for (const target of pushTargets) {
      const state = await deps.repos.novomindPush.get(target.market);
      const backlog = await deps.repos.novomindChanges.backlog(target.market, state?.deliveredSeq ?? 0);
      out.push({ market: target.market, queued: backlog.count, oldestAt: backlog.oldestAt });
    }
    return out;
  });
  const eventsDeps: EventsDeps = {
    ...base,
    notes: deps.notes,
    writeBackTicketEvent: deps.writeBackTicketEvent,
  };

  return {
    verifier: createS2sTokenVerifier({ config: deps.config, now: deps.now }),
    fanout,
    feedWorker,
    pushWorker,
    metrics,
    registerTicket: (client, ticket, input, scope) => registerTicket(base, client, ticket, input, scope),
    readTicketContext: (client, ticket, scope) => readTicketContext(base, client, ticket, scope),
    async acceptEvents(client, body, scope) {
      const answer = await acceptEvents(eventsDeps, client, body, scope);
      metrics.recordEvents('accepted', answer.accepted);
      metrics.recordEvents('duplicate', answer.duplicates);
      metrics.recordEvents('refused', answer.refused.length);
      return answer;
    },
    listTicketEvents: (client, ticket) => listTicketEvents(base, client, ticket),
    readChanges: (client, query) => readChanges({ ...base, fanout }, client, query),
    async pushFacts(storeKey) {
      const facts: PushFacts = {
        enabled: false,
        queued: 0,
        oldestQueuedAt: null,
        lastDeliveredAt: null,
        errorsLastHour: 0,
        lastError: null,
        failing: false,
      };
      const targets = pushTargets.filter((target) => deps.config.markets[target.market]?.store === storeKey);
      for (const target of targets) {
        const state = await deps.repos.novomindPush.get(target.market);
        const backlog = await deps.repos.novomindChanges.backlog(target.market, state?.deliveredSeq ?? 0);
        facts.enabled = true;
        facts.queued += backlog.count;
        facts.oldestQueuedAt = earliest(facts.oldestQueuedAt, backlog.oldestAt);
        facts.lastDeliveredAt = latest(facts.lastDeliveredAt, state?.lastDeliveredAt ?? null);
        facts.errorsLastHour += pushWorker.failuresSince(target.market, deps.now() - 3_600_000);
        // A batch still failing: attempts count up until novomind takes it, and reset then.
        if (state && state.attempts > 0) {
          facts.failing = true;
          facts.lastError = state.lastError;
        }
      }
      return facts;
    },
  };
}
