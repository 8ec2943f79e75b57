/**
 * Where an order lives in the merchant's BigCommerce control panel, for the "open in BigCommerce" link.
 * The control panel answers on the store's permanent `store-{hash}.mybigcommerce.com` host, whatever the
 * storefront's own domain is (https://developer.bigcommerce.com/docs/start/about, "Store hash").
 */
export function controlPanelOrderUrl(storeHash: string, orderId: number): string {
  return `https://store-${encodeURIComponent(storeHash)}.mybigcommerce.com/manage/orders/${orderId}`;
}
