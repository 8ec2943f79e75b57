import { describeDuration, plural } from './describe.js';
import { RECENT_MINUTES, type StoreFacts } from './gather-store-facts.js';

export type StoreStateName = 'healthy' | 'degraded' | 'failing';

export interface Reason {
  level: 'degraded' | 'failing';
  code: string;
  text: string;
}

export interface Judgement {
  state: StoreStateName;
  /** Failing reasons first, then degraded ones, each in the ladder's order. */
  reasons: Reason[];
}

/**
 * Where a condition turns into a state. failing: agents are affected now (BigCommerce does not answer or
 * refuses us). degraded: it still works, but something needs a person (throttling, a stale index, webhooks,
 * queues that do not drain, notes that failed for good, novomind push failing).
 */
export const STATE_THRESHOLDS = Object.freeze({
  /** 5xx/timeouts/network errors in a row: one GET and its retries, so one blip never flips the state. */
  unreachableAfterFailures: 3,
  /** A probe still unanswered after this long is as good as a failure (a hanging store). */
  probePendingMs: 5_000,
  /** DESIGN §9's index is "current" within two intervals of 5 minutes; 15 minutes is the alerting line too. */
  syncStaleMs: 15 * 60_000,
  /** Deliveries are processed within seconds; five minutes waiting means the intake is stuck. */
  webhookBacklogMs: 5 * 60_000,
  notesOldestMs: 10 * 60_000,
  pushOldestMs: 10 * 60_000,
});

type Thresholds = typeof STATE_THRESHOLDS;
type Rule = (facts: StoreFacts, limits: Thresholds) => Reason | null;

const failing = (code: string, text: string): Reason => ({ level: 'failing', code, text });
const degraded = (code: string, text: string): Reason => ({ level: 'degraded', code, text });

function sinceLastAnswer(facts: StoreFacts): string {
  const { lastOkAt } = facts.evidence;
  return lastOkAt === null ? '' : `, the last answer was ${describeDuration(facts.at - lastOkAt)} ago`;
}

const bigcommerceRefused: Rule = ({ evidence, at }) =>
  evidence.refusedAt === null
    ? null
    : failing(
        'bigcommerce_refused',
        `BigCommerce refuses our credentials (HTTP ${evidence.refusedStatus ?? 401}) since ${describeDuration(
          at - evidence.refusedAt,
        )} ago: check the store's API token and its scopes.`,
      );

const bigcommerceUnreachable: Rule = (facts, limits) => {
  const { evidence } = facts;
  if (evidence.consecutiveFailures >= limits.unreachableAfterFailures) {
    return failing(
      'bigcommerce_unreachable',
      `BigCommerce did not answer the last ${plural(evidence.consecutiveFailures, 'call')} (${
        evidence.lastFailure ?? 'no answer'
      })${sinceLastAnswer(facts)}: agents see cached copies or errors, notes wait in the queue.`,
    );
  }
  const pending = facts.probePendingSince;
  if (pending !== null && facts.at - pending >= limits.probePendingMs) {
    return failing(
      'bigcommerce_unreachable',
      `BigCommerce has not answered a check for ${describeDuration(facts.at - pending)}${sinceLastAnswer(facts)}.`,
    );
  }
  return null;
};

const bigcommerceThrottled: Rule = ({ throttledRecently }) =>
  throttledRecently === 0
    ? null
    : degraded(
        'bigcommerce_throttled',
        `BigCommerce throttled ${plural(throttledRecently, 'call')} (HTTP 429) in the last ${RECENT_MINUTES} minutes: views wait for the quota or show cached copies.`,
      );

const syncUnreported: Rule = ({ sync }) =>
  sync.liveError === null
    ? null
    : degraded('sync_unreported', `The sync room did not report: ${sync.liveError}`);

const syncBehind: Rule = ({ sync, at }, limits) => {
  if (sync.live && !sync.live.enabled) return null;
  const orders = sync.streams.find((stream) => stream.stream === 'orders');
  if (!orders) return null;
  const failed = orders.lastError === null ? '' : `; the last run failed: ${orders.lastError}`;
  if (orders.lastSuccessAt === null) {
    return orders.lastError === null
      ? null
      : degraded(
          'sync_behind',
          `The index has not been filled yet${failed}. Ticket views read BigCommerce live.`,
        );
  }
  const age = at - orders.lastSuccessAt;
  return age < limits.syncStaleMs
    ? null
    : degraded(
        'sync_behind',
        `The last successful delta run was ${describeDuration(age)} ago${failed}. Ticket views read BigCommerce live.`,
      );
};

const webhooksInactive: Rule = ({ sync }) => {
  const hooks = sync.live?.webhooks;
  if (!hooks) return null;
  const notWorking = Math.max(0, hooks.expected - hooks.active);
  if (notWorking === 0) return null;
  const problem = hooks.lastError === null ? '' : ` (${hooks.lastError})`;
  return degraded(
    'webhooks_inactive',
    `${notWorking} of ${plural(hooks.expected, 'webhook')} ${notWorking === 1 ? 'is' : 'are'} missing or inactive${problem}: changes arrive only with the delta runs. Repair webhooks.`,
  );
};

const webhooksMissed: Rule = ({ webhooks }) =>
  webhooks.missedLastHour === 0
    ? null
    : degraded(
        'webhooks_missed',
        `${plural(webhooks.missedLastHour, 'order change')} of the last hour reached us only through a delta run: webhook deliveries are late or lost.`,
      );

const webhooksBacklog: Rule = ({ webhooks, at }, limits) => {
  const oldest = webhooks.stats.oldestPendingAt;
  if (oldest === null || at - oldest < limits.webhookBacklogMs) return null;
  return degraded(
    'webhooks_backlog',
    `${plural(webhooks.stats.pending, 'webhook delivery waits', 'webhook deliveries wait')} to be processed, the oldest for ${describeDuration(at - oldest)}.`,
  );
};

const notesFailed: Rule = ({ notes }) =>
  notes.failed === 0
    ? null
    : degraded(
        'notes_failed',
        `${plural(notes.failed, 'note')} could not be written to BigCommerce: retry failed notes once the cause is fixed.`,
      );

const notesBacklog: Rule = ({ notes, at }, limits) => {
  const oldest = notes.oldestQueuedAt;
  if (oldest === null || at - oldest < limits.notesOldestMs) return null;
  return degraded(
    'notes_backlog',
    `${plural(notes.queued, 'note')} ${notes.queued === 1 ? 'is' : 'are'} queued for BigCommerce, the oldest for ${describeDuration(at - oldest)}.`,
  );
};

const pushUnreported: Rule = ({ push }) =>
  push.error === null ? null : degraded('push_unreported', `The novomind room did not report: ${push.error}`);

const pushFailing: Rule = ({ push }) => {
  const facts = push.facts;
  if (!facts?.enabled || !facts.failing) return null;
  const why = facts.lastError === null ? '' : `: ${facts.lastError}`;
  return degraded(
    'push_failing',
    `Pushing changes to novomind fails${why}; ${plural(facts.queued, 'change')} wait in the queue.`,
  );
};

const pushBacklog: Rule = ({ push, at }, limits) => {
  const oldest = push.facts?.enabled ? push.facts.oldestQueuedAt : null;
  if (oldest === null || oldest === undefined || at - oldest < limits.pushOldestMs) return null;
  return degraded(
    'push_backlog',
    `Changes for novomind wait in the queue, the oldest for ${describeDuration(at - oldest)}.`,
  );
};

/** The ladder, most serious first. */
const RULES: readonly Rule[] = [
  bigcommerceRefused,
  bigcommerceUnreachable,
  bigcommerceThrottled,
  syncUnreported,
  syncBehind,
  webhooksInactive,
  webhooksMissed,
  webhooksBacklog,
  notesFailed,
  notesBacklog,
  pushUnreported,
  pushFailing,
  pushBacklog,
];

/** A store's state and the reasons for it, from its facts alone (pure: same facts, same verdict). */
export function judgeStore(facts: StoreFacts, limits: Thresholds = STATE_THRESHOLDS): Judgement {
  const found = RULES.map((rule) => rule(facts, limits)).filter((reason) => reason !== null);
  const reasons = [
    ...found.filter((reason) => reason.level === 'failing'),
    ...found.filter((reason) => reason.level === 'degraded'),
  ];
  const state: StoreStateName =
    reasons[0]?.level === 'failing' ? 'failing' : reasons.length > 0 ? 'degraded' : 'healthy';
  return { state, reasons };
}
