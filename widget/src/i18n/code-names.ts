/**
 * Names that read the same in every language, keyed by codes BigCommerce sends. Status ids and payment words
 * that need translating live in the message tables; these are BigCommerce's defaults and brand names.
 */

/**
 * BigCommerce's default English name per `status_id` (0–14), as a store shows it until the merchant renames it:
 * https://developer.bigcommerce.com/docs/rest-management/orders/order-status. A label equal to one of these is
 * BigCommerce's, so we may show our translation; any other label is the merchant's and is shown as it is.
 */
export const BIGCOMMERCE_STATUS_NAMES: readonly string[] = [
  'Incomplete',
  'Pending',
  'Shipped',
  'Partially Shipped',
  'Refunded',
  'Cancelled',
  'Declined',
  'Awaiting Payment',
  'Awaiting Pickup',
  'Awaiting Shipment',
  'Completed',
  'Awaiting Fulfillment',
  'Manual Verification Required',
  'Disputed',
  'Partially Refunded',
];

/** Codes that mean the same as another key: BigCommerce's gateway codes, its default method names, carriers. */
export const CODE_ALIASES: Readonly<Record<string, string>> = {
  amazon: 'amazonpay',
  applepaytoken: 'applepaycard',
  auspost: 'australiapost',
  cashondelivery: 'cod',
  check: 'cheque',
  firstdatagge4: 'firstdata',
  hps: 'heartland',
  payinstore: 'instore',
  paypalcommerce: 'paypal',
  paypalpaymentsprouk: 'paypalpaymentspro',
  paypalpaymentsprous: 'paypalpaymentspro',
  qbms: 'quickbookspayments',
  testpaymentgateway: 'testgateway',
  token: 'bigpaytoken',
  upsonline: 'ups',
  upsready: 'ups',
};

/**
 * Payment gateways (transaction `gateway`, orders.v3 enum), wallets and carriers (shipment `shipping_provider`,
 * AfterShip slugs) by name; the code is the name's `toCodeKey` ("Authorize.Net": `authorizenet`) or an alias.
 */
export const BRAND_NAMES: ReadonlyMap<string, string> = new Map(
  '2Checkout,Adyen,Affirm,Afterpay,Amazon Pay,Apple Pay,Authorize.Net,Bolt,Braintree,Checkout.com,Cybersource,First Data,Google Pay,Heartland,Klarna,MIGS,Mollie,NMI,PayPal,PayPal Express,PayPal Payments Pro,PlugnPay,QuickBooks Payments,SecureNet,Square,Stripe,USAePay,Worldpay,Australia Post,Canada Post,DHL,DHL Express,DPD,Endicia,FedEx,GLS,Hermes,Royal Mail,ShipperHQ,UPS,USPS'
    .split(',')
    .map((name) => [toCodeKey(name), name]),
);

/** "Credit Card", "credit_card" and "credit-card" are one key, `creditcard`; "adyenv2" is "adyen". */
export function toCodeKey(code: string): string {
  const key = code
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/v\d$/, '');
  return CODE_ALIASES[key] ?? key;
}
