/**
 * The sync room: per store, an index of recent order headers and the store's customers, kept current by delta
 * runs and BigCommerce webhooks (DESIGN §9). This file maps BigCommerce records to index rows.
 */
import type { BcCustomer, BcOrder } from '../bigcommerce/index.js';
import { toOrderSummary, toSearchText } from '../context/index.js';
import type { IndexedCustomer, IndexedOrder } from '../store/index.js';

/** An order header as the index keeps it: the list entry views show, and the columns queries filter on. */
export function toIndexedOrder(storeKey: string, order: BcOrder): IndexedOrder {
  const summary = toOrderSummary(order);
  return {
    storeKey,
    orderId: order.id,
    customerId: order.customerId,
    email: order.billingAddress.email.trim().toLowerCase(),
    statusId: order.statusId,
    channelId: order.channelId,
    currency: summary.total.currency,
    total: summary.total.amount,
    itemCount: order.itemsTotal,
    paymentStatus: order.paymentStatus,
    dateCreated: Date.parse(order.dateCreated),
    dateModified:
      order.dateModified === null ? Date.parse(order.dateCreated) : Date.parse(order.dateModified),
    summary,
    billingName: billingName(order),
    city: order.billingAddress.city.trim(),
    countryIso2: order.billingAddress.countryIso2.trim().toUpperCase(),
    // A guest is found by the name and email they checked out with; a registered shopper by their account.
    searchText: order.customerId === 0 ? toSearchText([billingName(order), order.billingAddress.email]) : '',
  };
}

function billingName(order: BcOrder): string {
  return `${order.billingAddress.firstName} ${order.billingAddress.lastName}`.trim();
}

export function toIndexedCustomer(storeKey: string, customer: BcCustomer): IndexedCustomer {
  const modified = customer.dateModified ?? customer.dateCreated;
  return {
    storeKey,
    customerId: customer.id,
    email: customer.email.trim().toLowerCase(),
    dateModified: modified === null ? 0 : Date.parse(modified),
    record: customer,
    searchText: toSearchText([`${customer.firstName} ${customer.lastName}`, customer.email]),
  };
}
