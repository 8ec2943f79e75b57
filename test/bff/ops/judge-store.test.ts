// The ops room's pure parts: the state ladder, the evidence a call gives, the bounded minute series.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreFacts } from '../../../bff/src/ops/gather-store-facts.js';
import { judgeStore } from '../../../bff/src/ops/judge-store.js';
import { createMinuteSeries } from '../../../bff/src/ops/minute-series.js';
import { isProbeDue } from '../../../bff/src/ops/store-probe.js';
import { createEvidence, judgeCall, recordCall } from '../../../bff/src/ops/upstream-evidence.js';

const AT = Date.UTC(2026, 10, 28, 9, 0, 0);
const MINUTE = 60_000;

function healthyFacts(): StoreFacts {
  return {
    storeKey: 'eu',
    at: AT,
    evidence: { ...createEvidence(), lastSeenAt: AT, lastOkAt: AT },
    probePendingSince: null,
    quota: { requestsLeft: 140, quota: 150, resetAt: AT + 20_000 },
    lastHour: { calls: 10, throttled: 0, failed: 0, cacheLookups: 4, cacheHits: 2 },
    throttledRecently: 0,
    sync: {
      live: null,
      liveError: null,
      streams: [
        {
          storeKey: 'eu',
          stream: 'orders',
          checkpoint: AT - 6 * MINUTE,
          lastSuccessAt: AT - 5 * MINUTE,
          lastRunAt: AT - 5 * MINUTE,
          lastError: null,
          backfillDone: true,
          nightlyAt: null,
        },
      ],
      ordersIndexed: 500,
      customersIndexed: 40,
    },
    webhooks: {
      stats: { pending: 0, oldestPendingAt: null, lastReceivedAt: AT - MINUTE, receivedSince: 3, failed: 0 },
      duplicatesLastHour: 0,
      missedLastHour: 0,
    },
    notes: { queued: 0, failed: 0, oldestQueuedAt: null },
    push: {
      facts: {
        enabled: true,
        queued: 0,
        oldestQueuedAt: null,
        lastDeliveredAt: AT - MINUTE,
        errorsLastHour: 0,
        lastError: null,
        failing: false,
      },
      error: null,
    },
  };
}

function codes(facts: StoreFacts): string[] {
  return judgeStore(facts).reasons.map((reason) => reason.code);
}

describe('judgeStore', () => {
  it('says healthy when nothing is wrong', () => {
    assert.deepEqual(judgeStore(healthyFacts()), { state: 'healthy', reasons: [] });
  });

  it('says failing after three failed calls in a row, not after two', () => {
    const two = healthyFacts();
    two.evidence = { ...two.evidence, consecutiveFailures: 2, lastFailure: 'HTTP 503' };
    const three = healthyFacts();
    three.evidence = {
      ...three.evidence,
      consecutiveFailures: 3,
      lastFailure: 'HTTP 503',
      lastOkAt: AT - 4 * MINUTE,
    };

    assert.equal(judgeStore(two).state, 'healthy');
    assert.deepEqual(judgeStore(three), {
      state: 'failing',
      reasons: [
        {
          level: 'failing',
          code: 'bigcommerce_unreachable',
          text: 'BigCommerce did not answer the last 3 calls (HTTP 503), the last answer was 4 minutes ago: agents see cached copies or errors, notes wait in the queue.',
        },
      ],
    });
  });

  it('says failing when BigCommerce refuses our credentials', () => {
    const facts = healthyFacts();
    facts.evidence = { ...facts.evidence, refusedAt: AT - 2 * MINUTE, refusedStatus: 401 };

    assert.deepEqual(codes(facts), ['bigcommerce_refused']);
    assert.equal(judgeStore(facts).state, 'failing');
  });

  it('says failing when a check has hung for five seconds, not for four', () => {
    const four = healthyFacts();
    four.probePendingSince = AT - 4_000;
    const five = healthyFacts();
    five.probePendingSince = AT - 5_000;

    assert.deepEqual(codes(four), []);
    assert.deepEqual(codes(five), ['bigcommerce_unreachable']);
  });

  it('puts failing reasons before degraded ones, whatever the ladder found first', () => {
    const facts = healthyFacts();
    facts.throttledRecently = 2;
    facts.notes = { queued: 0, failed: 1, oldestQueuedAt: null };
    facts.evidence = { ...facts.evidence, refusedAt: AT, refusedStatus: 403 };

    assert.deepEqual(codes(facts), ['bigcommerce_refused', 'bigcommerce_throttled', 'notes_failed']);
  });

  it('says degraded when the last successful delta run is 15 minutes old, not 14', () => {
    const fourteen = healthyFacts();
    fourteen.sync.streams[0]!.lastSuccessAt = AT - 14 * MINUTE;
    const fifteen = healthyFacts();
    fifteen.sync.streams[0]!.lastSuccessAt = AT - 15 * MINUTE;

    assert.deepEqual(codes(fourteen), []);
    assert.deepEqual(codes(fifteen), ['sync_behind']);
  });

  it('says nothing about a stale index when the sync room says the index is off', () => {
    const facts = healthyFacts();
    facts.sync.streams[0]!.lastSuccessAt = AT - 60 * MINUTE;
    facts.sync.live = {
      enabled: false,
      running: false,
      nextRunAt: null,
      intervalMs: null,
      backfill: null,
      webhooks: null,
    };

    assert.deepEqual(codes(facts), []);
  });

  it('says degraded when hooks are missing or inactive, and when deliveries were missed', () => {
    const facts = healthyFacts();
    facts.sync.live = {
      enabled: true,
      running: false,
      nextRunAt: AT + MINUTE,
      intervalMs: MINUTE,
      backfill: null,
      webhooks: { expected: 9, registered: 8, active: 8, checkedAt: AT, lastError: 'destination blocked' },
    };
    facts.webhooks.missedLastHour = 3;

    const { reasons } = judgeStore(facts);

    assert.deepEqual(
      reasons.map((reason) => reason.text),
      [
        '1 of 9 webhooks is missing or inactive (destination blocked): changes arrive only with the delta runs. Repair webhooks.',
        '3 order changes of the last hour reached us only through a delta run: webhook deliveries are late or lost.',
      ],
    );
  });

  it('says degraded when novomind push keeps failing or its queue is ten minutes old, not when push is off', () => {
    const failing = healthyFacts();
    failing.push.facts = { ...failing.push.facts!, failing: true, queued: 4, lastError: 'HTTP 503' };
    const old = healthyFacts();
    old.push.facts = { ...old.push.facts!, queued: 1, oldestQueuedAt: AT - 10 * MINUTE };
    const off = healthyFacts();
    off.push.facts = { ...off.push.facts!, enabled: false, failing: true, oldestQueuedAt: AT - 60 * MINUTE };

    assert.deepEqual(
      judgeStore(failing).reasons[0]?.text,
      'Pushing changes to novomind fails: HTTP 503; 4 changes wait in the queue.',
    );
    assert.deepEqual(codes(old), ['push_backlog']);
    assert.deepEqual(codes(off), []);
  });

  it('says degraded when a room’s provider could not report, rather than failing the whole console', () => {
    const facts = healthyFacts();
    facts.sync.liveError = 'database is locked';
    facts.push = { facts: null, error: 'queue unavailable' };

    assert.deepEqual(codes(facts), ['sync_unreported', 'push_unreported']);
  });
});

describe('the evidence of one call', () => {
  it('counts 2xx and 4xx about the request as answers; 429 as throttling; 401/403 as refusal; 5xx and no answer as failures', () => {
    assert.deepEqual(
      [
        judgeCall({ status: 200, outcome: 'ok' }),
        judgeCall({ status: 404, outcome: 'http_error' }),
        judgeCall({ status: 429, outcome: 'http_error' }),
        judgeCall({ status: 401, outcome: 'http_error' }),
        judgeCall({ status: 503, outcome: 'http_error' }),
        judgeCall({ status: null, outcome: 'timeout' }),
        judgeCall({ status: null, outcome: 'aborted' }),
      ],
      ['answered', 'answered', 'throttled', 'refused', 'failed', 'failed', 'ignored'],
    );
  });

  it('resets the failures in a row with the next answer, and keeps them through throttling', () => {
    const evidence = createEvidence();
    recordCall(evidence, { storeKey: 'eu', status: 503, outcome: 'http_error' }, AT);
    recordCall(evidence, { storeKey: 'eu', status: 429, outcome: 'http_error' }, AT + 1);
    recordCall(evidence, { storeKey: 'eu', status: null, outcome: 'timeout' }, AT + 2);

    assert.equal(evidence.consecutiveFailures, 2);
    assert.equal(evidence.lastFailure, 'timeout');

    recordCall(evidence, { storeKey: 'eu', status: 200, outcome: 'ok' }, AT + 3);

    assert.equal(evidence.consecutiveFailures, 0);
    assert.equal(evidence.lastOkAt, AT + 3);
  });
});

describe('when to probe', () => {
  const fresh = { ...createEvidence(), lastSeenAt: AT - 59_000, lastOkAt: AT - 59_000 };

  it('probes a store without evidence, or with evidence a minute old; not one seen 59 seconds ago', () => {
    assert.equal(isProbeDue(undefined, null, AT), true);
    assert.equal(isProbeDue({ ...fresh, lastSeenAt: AT - MINUTE }, null, AT), true);
    assert.equal(isProbeDue(fresh, null, AT), false);
  });

  it('probes a failing store every 15 seconds to see it come back', () => {
    const failing = { ...fresh, lastSeenAt: AT - 1_000, consecutiveFailures: 3 };

    assert.equal(isProbeDue(failing, AT - 14_000, AT), false);
    assert.equal(isProbeDue(failing, AT - 15_000, AT), true);
  });
});

describe('the minute series', () => {
  it('adds counters within their minute and keeps the last gauge value', () => {
    const series = createMinuteSeries();
    series.add(AT, 'calls');
    series.add(AT + 59_000, 'calls', 2);
    series.set(AT, 'lagSeconds', 10);
    series.set(AT + 30_000, 'lagSeconds', 20);

    const [point] = series.window(AT, 1);

    assert.equal(point?.calls, 3);
    assert.equal(point?.lagSeconds, 20);
  });

  it('holds an hour and no more: a minute 60 minutes old is gone, its slot reused', () => {
    const series = createMinuteSeries();
    series.add(AT, 'throttled', 5);
    series.add(AT + 59 * MINUTE, 'throttled', 1);

    assert.equal(series.sum(AT + 59 * MINUTE, 'throttled'), 6);

    series.add(AT + 60 * MINUTE, 'throttled', 1);

    assert.equal(series.sum(AT + 60 * MINUTE, 'throttled'), 2);
    assert.equal(series.window(AT + 60 * MINUTE).length, 60);
    assert.equal(series.window(AT + 60 * MINUTE)[0]?.minute, Math.floor(AT / MINUTE) + 1);
  });

  it('fills minutes nobody wrote with zeros and unknown gauges', () => {
    const series = createMinuteSeries();
    series.add(AT, 'calls');

    const window = series.window(AT + 2 * MINUTE, 3);

    assert.deepEqual(
      window.map((point) => [point.calls, point.lagSeconds]),
      [
        [1, null],
        [0, null],
        [0, null],
      ],
    );
  });
});
