/**
 * The ops room: asks every room for its facts (through providers registered on `ctx.ops` and the repositories)
 * and turns them into each store's state with its reasons, the console's JSON, the operator actions and the
 * alerting metrics (DESIGN §12). It never reaches into another room; rooms report to it.
 */
export { createOpsRegistry, type OpsRegistry, type OpsRegistryOptions } from './ops-registry.js';
export {
  WEBHOOK_DELIVERY_OUTCOMES,
  type NotesOpsProvider,
  type OpsActionContext,
  type OpsActionResult,
  type PushFacts,
  type PushOpsProvider,
  type SyncLiveFacts,
  type SyncOpsProvider,
  type WebhookDeliveryOutcome,
  type WebhookLiveFacts,
} from './ops-providers.js';
export type { UpstreamCall } from './upstream-evidence.js';
export { createStoreProbe, PROBE_POLICY, type StoreProbe } from './store-probe.js';
export { createStatusService, type OpsReport, type StatusService } from './status-service.js';
export { STATE_THRESHOLDS, judgeStore, type Judgement } from './judge-store.js';
export {
  ADMIN_ACTION_RESOURCE,
  createAdminActions,
  type AdminActionAnswer,
  type AdminActionRequest,
  type AdminActions,
} from './run-admin-action.js';
export { OPS_METRIC_NAMES, registerOpsMetrics } from './ops-metrics.js';
export { SERIES_MINUTES } from './minute-series.js';
