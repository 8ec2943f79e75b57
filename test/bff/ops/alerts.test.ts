// docs/alerts.md: its Prometheus rules are valid (promtool, when installed), fire when they should (promtool test
// rules), and name only metrics the BFF exports (always, promtool or not).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createMetrics } from '../../../bff/src/http/metrics.js';
import { createOpsRegistry, registerOpsMetrics } from '../../../bff/src/ops/index.js';

const ALERTS_FILE = path.resolve(import.meta.dirname, '../../../docs/alerts.md');

/** The YAML blocks of the document, joined: the rules an operator copies. */
function readRulesYaml(): string {
  const markdown = fs.readFileSync(ALERTS_FILE, 'utf8');
  const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
  assert.equal(blocks.length, 1, 'one rules block');
  return blocks[0]!;
}

interface Rule {
  alert: string;
  expr: string;
  for: string | null;
  severity: string | null;
  summary: string | null;
}

/** The rules, read from the block's fixed layout (one key per line), without a YAML library. */
function parseRules(yaml: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of yaml.split('\n')) {
    const alert = /^\s*- alert: (\S+)\s*$/.exec(line);
    if (alert) {
      rules.push({ alert: alert[1]!, expr: '', for: null, severity: null, summary: null });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) continue;
    const field = /^\s+(expr|for|severity|summary): (.+)$/.exec(line);
    if (field) rule[field[1] as 'expr' | 'for' | 'severity' | 'summary'] = field[2]!.replace(/^"|"$/g, '');
  }
  return rules;
}

function exportedMetricNames(): Set<string> {
  const metrics = createMetrics();
  registerOpsMetrics(metrics.registry, createOpsRegistry({ storeKeys: [], now: () => 0 }), async () => ({
    at: 0,
    stores: [],
  }));
  return new Set(metrics.registry.getMetricsAsArray().map((metric) => metric.name));
}

const PROMQL_WORDS = new Set([
  'time',
  'sum',
  'by',
  'increase',
  'rate',
  'max',
  'min',
  'store',
  'stream',
  'state',
  'status',
]);
const promtool = spawnSync('promtool', ['--version']).status === 0;

describe('docs/alerts.md', () => {
  const rules = parseRules(readRulesYaml());

  it('has the alerts the console promises, each with a duration, a severity and a summary', () => {
    for (const name of [
      'OrderContextSyncStale',
      'OrderContextWebhooksInactive',
      'OrderContextNoteQueuedTooLong',
      'OrderContextPushFailing',
      'OrderContextStoreFailing',
    ]) {
      assert.ok(
        rules.some((rule) => rule.alert === name),
        name,
      );
    }
    for (const rule of rules) {
      assert.ok(rule.expr, `${rule.alert}: expr`);
      assert.match(rule.for ?? '', /^\d+[smh]$/, `${rule.alert}: for`);
      assert.ok(['critical', 'warning', 'info'].includes(rule.severity ?? ''), `${rule.alert}: severity`);
      assert.ok(rule.summary, `${rule.alert}: summary`);
    }
    const table = fs.readFileSync(ALERTS_FILE, 'utf8').split('## What to do')[1] ?? '';
    for (const rule of rules) assert.ok(table.includes(`\`${rule.alert}\``), `${rule.alert} says what to do`);
  });

  it('names only metrics the BFF exports', () => {
    const exported = exportedMetricNames();
    for (const rule of rules) {
      const names = (rule.expr.replace(/"[^"]*"|\[[^\]]*\]/g, '').match(/[a-z_][a-z0-9_]*/g) ?? []).filter(
        (word) => !PROMQL_WORDS.has(word),
      );
      assert.ok(names.length > 0, rule.alert);
      for (const name of names) assert.ok(exported.has(name), `${rule.alert}: ${name} is not exported`);
    }
  });

  it('passes promtool check rules', { skip: promtool ? false : 'promtool is not installed' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-alerts-'));
    const file = path.join(dir, 'rules.yml');
    fs.writeFileSync(file, readRulesYaml());

    const output = execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });

    assert.match(output, new RegExp(`SUCCESS: ${rules.length} rules found`));
  });

  it(
    'fires the sync, notes and webhook alerts when their figures say so (promtool test rules)',
    {
      skip: promtool ? false : 'promtool is not installed',
    },
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-alerts-'));
      fs.writeFileSync(path.join(dir, 'rules.yml'), readRulesYaml());
      // Sync: the last success stays at t=0 while time runs on; at 21 minutes it is 15+ minutes old for 5+ minutes.
      // Notes: the oldest note is 11 minutes old. Webhooks: one hook inactive for 25 minutes; the other store fine.
      fs.writeFileSync(
        path.join(dir, 'tests.yml'),
        `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'sync_last_success_timestamp_seconds{store="eu",stream="orders"}'
        values: '0x30'
      - series: 'sync_last_success_timestamp_seconds{store="us",stream="orders"}'
        values: '0+60x30'
      - series: 'notes_outbox_oldest_age_seconds{store="eu"}'
        values: '660x5'
      - series: 'webhook_subscriptions{store="eu",state="inactive"}'
        values: '1x30'
      - series: 'webhook_subscriptions{store="eu",state="missing"}'
        values: '0x30'
      - series: 'webhook_subscriptions{store="us",state="inactive"}'
        values: '0x30'
    alert_rule_test:
      - eval_time: 10m
        alertname: OrderContextSyncStale
        exp_alerts: []
      - eval_time: 21m
        alertname: OrderContextSyncStale
        exp_alerts:
          - exp_labels: { severity: warning, store: eu, stream: orders }
            exp_annotations:
              summary: 'Store eu: no successful delta run for more than 15 minutes'
              description: 'Ticket views read BigCommerce live instead of the index. See the sync section on /admin/.'
      - eval_time: 2m
        alertname: OrderContextNoteQueuedTooLong
        exp_alerts:
          - exp_labels: { severity: warning, store: eu }
            exp_annotations:
              summary: 'Store eu: the oldest queued note waits for more than 10 minutes'
              description: "Agents' notes are not reaching BigCommerce. See the store's state and the error log on /admin/."
      - eval_time: 25m
        alertname: OrderContextWebhooksInactive
        exp_alerts:
          - exp_labels: { severity: warning, store: eu }
            exp_annotations:
              summary: 'Store eu: 1 webhooks missing or inactive after the 15-minute repair'
              description: 'Changes reach the index only through delta runs (every minute meanwhile). Repair webhooks on /admin/.'
`,
      );

      const result = spawnSync('promtool', ['test', 'rules', 'tests.yml'], { cwd: dir, encoding: 'utf8' });

      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    },
  );
});
