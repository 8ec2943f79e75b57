// /metrics carries the console's figures with store labels only (never an order, ticket or email).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPS_METRIC_NAMES } from '../../../bff/src/ops/index.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { addFailedNote, startConsole, type Console } from './ops-harness.js';

const ALLOWED_LABELS = new Set(['store', 'stream', 'state', 'status', 'outcome']);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`unparsable sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe('the console’s figures in /metrics', () => {
  let admin: Console;
  let samples: Sample[];
  const value = (name: string, labels: Record<string, string>): number | undefined =>
    samples.find(
      (sample) =>
        sample.name === name && Object.entries(labels).every(([key, v]) => sample.labels[key] === v),
    )?.value;

  before(async () => {
    admin = await startConsole();
    const { product, repos } = admin;
    const now = product.clock.now();
    product.sandbox.store('sbx1eu').faults.set({ outage: true });
    await addFailedNote(repos, {
      storeKey: 'eu',
      orderId: SANDBOX_PERSONAS.sbx1eu.orders.twoShippingAddresses,
      ref: 'note-metrics-1',
      at: now,
    });
    await repos.syncState.recordSuccess({
      storeKey: 'us',
      stream: 'orders',
      checkpoint: now - 120_000,
      at: now - 60_000,
    });
    product.server.context.ops.recordWebhookDelivery('us', 'accepted');
    product.server.context.ops.recordWebhookDelivery('us', 'duplicate');
    product.server.context.ops.recordWebhookDelivery('mars', 'accepted');
    const response = await fetch(`${product.url}/metrics`);
    samples = parseSamples(await response.text());
  });
  after(() => admin.close());

  it('says which state each store is in', () => {
    assert.equal(value('ops_store_state', { store: 'eu', state: 'failing' }), 1);
    assert.equal(value('ops_store_state', { store: 'eu', state: 'healthy' }), 0);
    assert.equal(value('ops_store_state', { store: 'us', state: 'healthy' }), 1);
  });

  it('carries the outbox depth and failures, the last successful sync, its lag and the requests left', () => {
    assert.equal(value('notes_outbox_notes', { store: 'eu', status: 'failed' }), 1);
    assert.equal(value('notes_outbox_notes', { store: 'eu', status: 'queued' }), 0);
    assert.equal(
      value('sync_last_success_timestamp_seconds', { store: 'us', stream: 'orders' }),
      (admin.product.clock.now() - 60_000) / 1000,
    );
    assert.equal(value('sync_lag_seconds', { store: 'us' }), 120);
    assert.equal(typeof value('bigcommerce_requests_left', { store: 'us' }), 'number');
  });

  it('counts webhook deliveries by outcome, for configured stores only', () => {
    assert.equal(value('webhook_deliveries_total', { store: 'us', outcome: 'accepted' }), 1);
    assert.equal(value('webhook_deliveries_total', { store: 'us', outcome: 'duplicate' }), 1);
    assert.equal(
      samples.some((sample) => sample.labels.store === 'mars'),
      false,
    );
  });

  it('uses only bounded labels on every figure it adds', () => {
    const ours = samples.filter((sample) => (OPS_METRIC_NAMES as readonly string[]).includes(sample.name));
    assert.ok(ours.length > 10);
    for (const sample of ours) {
      for (const label of Object.keys(sample.labels))
        assert.ok(ALLOWED_LABELS.has(label), `${sample.name}{${label}}`);
    }
  });
});
