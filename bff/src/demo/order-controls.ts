/**
 * The demo's merchant: ships or cancels an order in the sandbox through its mutation API, which fires the
 * webhooks BigCommerce would; the sync room turns them into order changes for the feed.
 */
import type { AppConfig } from '../config.js';
import { SandboxMutationError, type Sandbox } from '../sandbox/index.js';

export type DemoOrderAction = 'ship' | 'cancel';

export interface DemoOrderControls {
  /** What happened, in a sentence for the page. */
  act(storeKey: string, orderId: number, action: DemoOrderAction): string;
}

const CANCELLED = 5;

export function createDemoOrderControls(
  sandbox: Sandbox,
  config: Pick<AppConfig, 'stores'>,
): DemoOrderControls {
  return {
    act(storeKey, orderId, action) {
      const hash = config.stores[storeKey]?.hash;
      if (!hash) return `No sandbox store "${storeKey}".`;
      try {
        const mutate = sandbox.store(hash).mutate;
        if (action === 'ship') {
          const shipment = mutate.addShipment(orderId);
          return `Order #${orderId} shipped (tracking ${shipment.tracking_number || 'none'}).`;
        }
        mutate.setStatus(orderId, CANCELLED);
        return `Order #${orderId} cancelled.`;
      } catch (error) {
        if (error instanceof SandboxMutationError) return `Order #${orderId}: ${error.message}`;
        throw error;
      }
    },
  };
}
