// Public surface of the built-in BigCommerce sandbox (documented in ./README.md).
import { createSandboxData, type SandboxPersonas } from './create-sandbox-data.js';
import { DEFAULT_SANDBOX_STORES, type SandboxStoreSpec } from './sandbox-store-spec.js';

export { startSandbox } from './start-sandbox.js';
export { DEFAULT_SANDBOX_STORES, type SandboxStoreSpec } from './sandbox-store-spec.js';
export { SANDBOX_BASE_DATE_MS, createSandboxData } from './create-sandbox-data.js';
export type { SandboxData, SandboxPersonas, SandboxPersonaPerson } from './create-sandbox-data.js';
export type {
  FaultRule,
  Sandbox,
  SandboxFaults,
  SandboxOptions,
  SandboxRequest,
  SandboxStoreHandle,
  SandboxStoreWebhooks,
} from './sandbox-types.js';
export type * from './types.js';
export { STAFF_NOTES_MAX_LENGTH } from './sandbox-routes.js';
export type { RawHook } from './hook-registry.js';
export type { BulkOrders } from './bulk-orders.js';
export type { OrderConsignments, PickupConsignment, ShippingConsignment } from './consignments.js';
export {
  BIGCOMMERCE_RETRY_SCHEDULE_MS,
  type DeliveryFaults,
  type SandboxDelivery,
  type WebhookOptions,
} from './webhook-dispatcher.js';
export type { WebhookCallback, WebhookData } from './webhook-payload.js';
export { SandboxMutationError, type MutationErrorCode } from './mutation-error.js';
export { CREATE_ORDER_STATUSES } from './mutate-create-order.js';
export type {
  CreateOrderInput,
  CustomerPatch,
  OrderChanges,
  RefundInput,
  ShipmentInput,
  ShipmentUpdate,
  StoreMutations,
} from './store-mutations.js';
export type { StoreFaultControls, StoreFaultPatch, StoreFaultState } from './store-faults.js';

/** Well-known fixtures of a store (computed from its seed; identical to what a started sandbox serves). */
export function getSandboxPersonas(spec: SandboxStoreSpec): SandboxPersonas {
  return createSandboxData(spec).personas;
}

/** Personas of the default stores, keyed by store hash ('sbx1eu', 'sbx2us'). */
export const SANDBOX_PERSONAS: Readonly<{ sbx1eu: SandboxPersonas; sbx2us: SandboxPersonas }> = {
  sbx1eu: getSandboxPersonas(DEFAULT_SANDBOX_STORES[0]!),
  sbx2us: getSandboxPersonas(DEFAULT_SANDBOX_STORES[1]!),
};
export { withSandboxStores, type SandboxStoreInfo } from './sandbox-placement.js';
