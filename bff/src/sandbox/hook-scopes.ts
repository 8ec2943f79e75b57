// Webhook scopes a hook may subscribe to, and which hooks an event reaches. The list is BigCommerce's
// (webhooks.v3.yml schema titles; BD docs/integrations/webhooks/events/index.mdx for the order, shipment
// and customer families), so a typo such as `store/order/statusupdated` is refused with a 422 instead of
// registering a hook that never fires. Per-channel order scopes (`store/channel/{id}/order/...`, BD
// events/channels.mdx) are accepted but never fired: their payload has a different shape (data.order_id).
// The sandbox fires the order, shipment and customer scopes (see store-mutations.ts).

const FAMILY_SCOPES: Record<string, readonly string[]> = {
  order: [
    'created',
    'updated',
    'archived',
    'statusUpdated',
    'message/created',
    'refund/created',
    'transaction/created',
    'transaction/updated',
    'metafield/created',
    'metafield/updated',
    'metafield/deleted',
  ],
  shipment: ['created', 'updated', 'deleted'],
  customer: [
    'created',
    'updated',
    'deleted',
    'address/created',
    'address/updated',
    'address/deleted',
    'payment/instrument/default/updated',
  ],
  cart: ['created', 'updated', 'deleted', 'couponApplied', 'abandoned', 'converted'],
  'cart/lineItem': ['created', 'updated', 'deleted'],
  category: ['created', 'updated', 'deleted'],
  channel: ['created', 'updated'],
  product: ['created', 'updated', 'deleted', 'inventory/updated', 'inventory/order/updated'],
  sku: ['created', 'updated', 'deleted', 'inventory/updated', 'inventory/order/updated'],
  subscriber: ['created', 'updated', 'deleted'],
};

const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  ...Object.entries(FAMILY_SCOPES).flatMap(([family, events]) => [
    `store/${family}/*`,
    ...events.map((event) => `store/${family}/${event}`),
  ]),
  'store/app/uninstalled',
  'store/information/updated',
  'store/hook/deliveryException',
]);

const CHANNEL_ORDER_SCOPE =
  /^store\/channel\/\d+\/order\/(\*|created|updated|archived|statusUpdated|message\/created|refund\/created)$/;

export function isKnownScope(scope: string): boolean {
  return KNOWN_SCOPES.has(scope) || CHANNEL_ORDER_SCOPE.test(scope);
}

/**
 * Whether a hook registered for `hookScope` receives an event of `eventScope`: the same scope, or a
 * family wildcard such as `store/order/*` (which covers `store/order/refund/created` too: "Fires for all
 * store/order events", webhooks.v3.yml `store_order_wildcard`).
 */
export function scopeMatches(hookScope: string, eventScope: string): boolean {
  if (hookScope === eventScope) return true;
  if (!hookScope.endsWith('/*')) return false;
  return eventScope.startsWith(hookScope.slice(0, -1));
}
