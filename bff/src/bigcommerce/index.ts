/**
 * The public face of bff/src/bigcommerce: the only place in the product that speaks BigCommerce.
 * Everything else in the BFF imports from here (errors may also be imported from ./errors.js).
 */
export {
  createBigCommerceClient,
  COLLECTION_LIMITS,
  type BigCommerceClient,
  type BigCommerceClientOptions,
  type CallOptions,
  type CustomerQuery,
  type InvalidRecord,
  type OrderCount,
  type OrderFilter,
  type OrderPage,
  type OrderWithConsignments,
  type ModifiedPage,
  type ModifiedRange,
  type QuotaSnapshot,
} from './client.js';
export {
  BigCommerceError,
  BigCommerceHttpError,
  BigCommerceNotFoundError,
  BigCommerceAuthError,
  BigCommerceRateLimitError,
  BigCommerceNetworkError,
  BigCommerceSchemaError,
  type SchemaIssue,
} from './errors.js';
export { toAppError } from './to-app-error.js';
export { controlPanelOrderUrl } from './control-panel.js';
export { isOutage } from './is-outage.js';
export { RETRY_DEFAULTS, type RetryPolicy } from './retry.js';
export type { RequestMetric } from './transport.js';
export type { BcHook, HookInput } from './hooks.js';
export type { BudgetWindow, QuotaBudget, RateLimitSnapshot, ThrottleState } from './throttle.js';
export { createThrottle, type Throttle } from './throttle.js';
export { toDecimalString } from './money.js';
export { toIsoDateTime } from './dates.js';
export type {
  BcAddress,
  BcCoupon,
  BcCustomer,
  BcLineItem,
  BcOrder,
  BcOrderStatus,
  BcCustomerGroup,
  BcOrderTotals,
  BcPlace,
  BcProductOption,
  BcRefund,
  BcRefundItem,
  BcRefundPayment,
  BcShipment,
  BcShipmentItem,
  BcShippingAddress,
  BcTransaction,
  BigCommerceLogger,
} from './types.js';
