// Scripted failures. Rules match on store/method/path; the first rule whose dice fire decides the outcome,
// while latency of every matching rule adds up. Dice come from a seeded PRNG so fault tests are reproducible.
import { createPrng } from './prng.js';
import type { FaultRule, SandboxFaults } from './sandbox-types.js';

export interface FaultDecision {
  latencyMs: number;
  outcome: 'none' | 'error' | 'hang' | 'rateLimit';
  status: number;
  /** Run the handler (and its write) first, then apply the outcome. */
  afterWrite: boolean;
  rateLimit: { withHeaders: boolean; resetMs?: number } | null;
  malformed: boolean;
}

export interface FaultRegistry extends SandboxFaults {
  decide(request: { store: string; method: string; path: string }): FaultDecision;
}

export function createFaultRegistry(seed: number): FaultRegistry {
  const prng = createPrng(seed);
  const rules = new Map<number, FaultRule & { remaining: number }>();
  let nextId = 1;

  const matches = (rule: FaultRule, request: { store: string; method: string; path: string }): boolean => {
    if (rule.store !== undefined && rule.store !== request.store) return false;
    if (rule.method !== undefined && rule.method.toUpperCase() !== request.method) return false;
    if (rule.path === undefined) return true;
    return typeof rule.path === 'string' ? request.path.includes(rule.path) : rule.path.test(request.path);
  };

  return {
    add(rule) {
      const id = nextId++;
      rules.set(id, { ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
      return id;
    },
    remove: (id) => void rules.delete(id),
    clear: () => rules.clear(),
    decide(request) {
      const decision: FaultDecision = {
        latencyMs: 0,
        outcome: 'none',
        status: 500,
        afterWrite: false,
        rateLimit: null,
        malformed: false,
      };
      for (const [id, rule] of rules) {
        if (!matches(rule, request)) continue;
        // `times` counts matching requests, whether or not the rule's dice fire.
        rule.remaining -= 1;
        if (rule.remaining <= 0) rules.delete(id);
        decision.latencyMs += rule.latencyMs ?? 0;
        if (rule.malformed) decision.malformed = true;
        if (decision.outcome !== 'none') continue;
        if (rule.rateLimit) {
          decision.outcome = 'rateLimit';
          decision.rateLimit = rule.rateLimit;
          decision.status = 429;
          continue;
        }
        const hangRate = rule.hangRate ?? 0;
        // applyAfterWrite without any rate means "always fail after writing".
        const errorRate = rule.errorRate ?? (rule.applyAfterWrite && hangRate === 0 ? 1 : 0);
        if (hangRate > 0 && prng.next() < hangRate) decision.outcome = 'hang';
        else if (errorRate > 0 && prng.next() < errorRate) {
          decision.outcome = 'error';
          decision.status = rule.status ?? 500;
        }
        if (decision.outcome !== 'none') decision.afterWrite = rule.applyAfterWrite ?? false;
      }
      return decision;
    },
  };
}
