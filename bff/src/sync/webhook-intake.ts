import { createHash, timingSafeEqual } from 'node:crypto';
import type { Repos } from '../store/index.js';
import { HANDLED_SCOPE, readDelivery } from './webhook-payload.js';

export type IntakeOutcome = 'accepted' | 'duplicate' | 'ignored' | 'unauthorized' | 'invalid';

export interface WebhookIntakeDeps {
  repos: Pick<Repos, 'webhookDeliveries'>;
  /** The store's webhook secret by store key; null when the store takes no webhooks. */
  secretOf(storeKey: string): string | null;
  now: () => number;
  /** A delivery was stored: the worker may start at once. */
  onAccepted?: () => void;
}

export interface WebhookIntake {
  receive(storeKey: string, secretHeader: string | undefined, rawBody: Buffer): Promise<IntakeOutcome>;
}

/**
 * POST /webhooks/bigcommerce/:storeKey (DESIGN §9). The secret is checked in constant time before anything is
 * read or stored; a delivery is stored durably (ids only, and the SHA-256 of the raw body that makes the same
 * delivery twice one row) and answered at once: the work happens in the worker, never in the request.
 */
export function createWebhookIntake(deps: WebhookIntakeDeps): WebhookIntake {
  return {
    async receive(storeKey, secretHeader, rawBody) {
      const secret = deps.secretOf(storeKey);
      if (secret === null || secretHeader === undefined || !sameSecret(secretHeader, secret))
        return 'unauthorized';
      const facts = readDelivery(rawBody);
      if (facts === null) return 'invalid';
      if (!HANDLED_SCOPE.test(facts.scope)) return 'ignored';
      const fresh = await deps.repos.webhookDeliveries.insertIfNew({
        storeKey,
        bodyHash: createHash('sha256').update(rawBody).digest('hex'),
        scope: facts.scope,
        resourceId: facts.resourceId,
        orderId: facts.orderId,
        customerId: facts.customerId,
        receivedAt: deps.now(),
      });
      if (!fresh) return 'duplicate';
      deps.onAccepted?.();
      return 'accepted';
    },
  };
}

/** Compares hashes, so neither the length nor the content of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
