// BigCommerce-shaped raw records exactly as the sandbox serves them (snake_case, v2 money as
// 4-decimal strings, v2 dates as RFC 2822, v3 dates as ISO 8601). Field names follow the
// BigCommerce orders v2/v3 and customers v3 specs; only the subset a customer-service view reads is kept.

export interface RawAddress {
  first_name: string;
  last_name: string;
  company: string;
  street_1: string;
  street_2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  country_iso2: string;
  phone: string;
  email: string;
}

export interface RawFormField {
  name: string;
  value: string;
}

export interface RawBillingAddress extends RawAddress {
  form_fields: RawFormField[];
}

export interface RawResourceLink {
  url: string;
  resource: string;
}

export interface RawCustomerAddress {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state_or_province: string;
  postal_code: string;
  country: string;
  country_code: string;
  phone: string;
  address_type: 'residential' | 'commercial';
}

export interface RawCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  registration_ip_address: string;
  notes: string;
  tax_exempt_category: string;
  customer_group_id: number;
  date_created: string;
  date_modified: string;
  address_count: number;
  attribute_count: number;
  authentication: { force_password_reset: boolean };
  accepts_product_review_abandoned_cart_emails: boolean;
  store_credit_amounts: { amount: number }[];
  origin_channel_id: number;
  channel_ids: number[] | null;
  /** Served only with `include=addresses`. */
  addresses: RawCustomerAddress[];
}

export interface RawOrder {
  id: number;
  customer_id: number;
  date_created: string;
  date_modified: string;
  date_shipped: string;
  status_id: number;
  status: string;
  custom_status: string;
  subtotal_ex_tax: string;
  subtotal_inc_tax: string;
  subtotal_tax: string;
  base_shipping_cost: string;
  shipping_cost_ex_tax: string;
  shipping_cost_inc_tax: string;
  shipping_cost_tax: string;
  shipping_cost_tax_class_id: number;
  base_handling_cost: string;
  handling_cost_ex_tax: string;
  handling_cost_inc_tax: string;
  handling_cost_tax: string;
  handling_cost_tax_class_id: number;
  base_wrapping_cost: string;
  wrapping_cost_ex_tax: string;
  wrapping_cost_inc_tax: string;
  wrapping_cost_tax: string;
  wrapping_cost_tax_class_id: number;
  total_ex_tax: string;
  total_inc_tax: string;
  total_tax: string;
  is_tax_inclusive_pricing: boolean;
  items_total: number;
  items_shipped: number;
  payment_method: string;
  payment_provider_id: string;
  payment_status: string;
  refunded_amount: string;
  order_is_digital: boolean;
  store_credit_amount: string;
  gift_certificate_amount: string;
  ip_address: string;
  ip_address_v6: string;
  geoip_country: string;
  geoip_country_iso2: string;
  currency_id: number;
  currency_code: string;
  currency_exchange_rate: string;
  default_currency_id: number;
  default_currency_code: string;
  store_default_currency_code: string;
  store_default_to_transactional_exchange_rate: string;
  staff_notes: string;
  customer_message: string;
  discount_amount: string;
  coupon_discount: string;
  shipping_address_count: number;
  is_deleted: boolean;
  ebay_order_id: string;
  cart_id: string;
  billing_address: RawBillingAddress;
  is_email_opt_in: boolean;
  credit_card_type: string | null;
  order_source: string;
  channel_id: number;
  external_source: string | null;
  external_id: string | null;
  external_merchant_id: string | null;
  external_order_id: string;
  tax_provider_id: string;
  customer_locale: string;
  products: RawResourceLink;
  shipping_addresses: RawResourceLink;
  coupons: RawResourceLink;
}

export interface RawProductOption {
  id: number;
  option_id: number;
  order_product_id: number;
  product_option_id: number;
  display_name: string;
  display_value: string;
  value: string;
  type: string;
  name: string;
  display_style: string;
}

export interface RawOrderProduct {
  id: number;
  order_id: number;
  product_id: number;
  variant_id: number;
  order_address_id: number;
  name: string;
  name_customer: string;
  name_merchant: string;
  sku: string;
  upc: string;
  type: 'physical' | 'digital';
  base_price: string;
  price_ex_tax: string;
  price_inc_tax: string;
  price_tax: string;
  base_total: string;
  total_ex_tax: string;
  total_inc_tax: string;
  total_tax: string;
  discounted_total_inc_tax: string;
  weight: string;
  quantity: number;
  quantity_shipped: number;
  is_refunded: boolean;
  /** BD name (current API); absent on lines that use the older `refunded_amount` name. */
  quantity_refunded?: number;
  refund_amount?: string;
  /** AS (2021) name; present instead of `refund_amount` on some lines, as older payloads did. */
  refunded_amount?: string;
  return_id: number;
  wrapping_id: number;
  wrapping_name: string;
  wrapping_message: string;
  event_name: string | null;
  event_date: string | null;
  parent_order_product_id: number | null;
  is_bundled_product: boolean;
  brand: string;
  applied_discounts: { id: string; amount: string; name: string; code: string | null; target: string }[];
  product_options: RawProductOption[];
}

export interface RawShippingAddress extends RawAddress {
  id: number;
  order_id: number;
  items_total: number;
  items_shipped: number;
  shipping_method: string;
  base_cost: string;
  cost_ex_tax: string;
  cost_inc_tax: string;
  cost_tax: string;
  cost_tax_class_id: number;
  base_handling_cost: string;
  handling_cost_ex_tax: string;
  handling_cost_inc_tax: string;
  handling_cost_tax: string;
  handling_cost_tax_class_id: number;
  shipping_zone_id: number;
  shipping_zone_name: string;
  shipping_quotes: RawResourceLink;
  form_fields: RawFormField[];
}

export interface RawShipment {
  id: number;
  order_id: number;
  customer_id: number;
  order_address_id: number;
  date_created: string;
  tracking_number: string;
  merchant_shipping_cost: string;
  shipping_method: string;
  comments: string;
  shipping_provider: string;
  shipping_provider_display_name: string;
  tracking_carrier: string;
  tracking_link: string;
  generated_tracking_link: string;
  billing_address: RawAddress;
  shipping_address: RawAddress;
  items: { order_product_id: number; product_id: number; quantity: number }[];
}

export interface RawCoupon {
  id: number;
  coupon_id: number;
  order_id: number;
  code: string;
  amount: number;
  type: number;
  discount: number;
}

export interface RawTransaction {
  id: number;
  order_id: string;
  event: 'purchase' | 'authorization' | 'capture' | 'refund' | 'void' | 'pending' | 'settled';
  method: string;
  amount: number;
  currency: string;
  gateway: string;
  gateway_transaction_id: string;
  date_created: string;
  test: boolean;
  status: 'ok' | 'error';
  fraud_review: boolean;
  reference_transaction_id: number | null;
  offline: { display_name: string } | null;
  custom: { payment_method: string } | null;
  payment_method_id: string;
  avs_result: { code: string; message: string; street_match: string; postal_match: string };
  cvv_result: { code: string; message: string };
  credit_card: {
    card_type: string;
    card_iin: string;
    card_last4: string;
    card_expiry_month: number;
    card_expiry_year: number;
  } | null;
}

export interface RawRefundItem {
  item_type: 'PRODUCT' | 'SHIPPING' | 'HANDLING' | 'GIFT_WRAPPING' | 'ORDER';
  item_id: number;
  reason: string;
  quantity?: number;
  requested_amount: number | null;
}

export interface RawRefund {
  id: number;
  order_id: number;
  user_id: number;
  created: string;
  reason: string;
  total_amount: number;
  total_tax: number;
  uses_merchant_override_values: boolean;
  items: RawRefundItem[];
  payments: {
    id: number;
    provider_id: string;
    amount: number;
    offline: boolean;
    is_declined: boolean;
    declined_message: string;
  }[];
}

export interface RawOrderStatus {
  id: number;
  name: string;
  system_label: string;
  custom_label: string;
  system_description: string;
  order: number;
}

export interface RawStoreInfo {
  id: string;
  account_uuid: string;
  domain: string;
  secure_url: string;
  control_panel_base_url: string;
  status: string;
  name: string;
  first_name: string;
  last_name: string;
  address: string;
  country: string;
  country_code: string;
  phone: string;
  admin_email: string;
  order_email: string;
  timezone: {
    name: string;
    raw_offset: number;
    dst_offset: number;
    dst_correction: boolean;
    date_format: { display: string; export: string; extended_display: string };
  };
  language: string;
  currency: string;
  currency_symbol: string;
  decimal_separator: string;
  thousands_separator: string;
  decimal_places: number;
  currency_symbol_location: string;
  weight_units: string;
  dimension_units: string;
  plan_name: string;
  plan_level: string;
  plan_is_trial: boolean;
  industry: string;
  is_price_entered_with_tax: boolean;
  store_id: number;
  default_channel_id: number;
  default_site_id: number;
  features: { stencil_enabled: boolean; sitewidehttps_enabled: boolean; checkout_type: string };
}

export interface RawChannel {
  id: number;
  name: string;
  type: string;
  platform: string;
  status: string;
  currency: string;
}

export interface RawCustomerGroup {
  id: number;
  name: string;
  is_default: boolean;
  category_access: { type: 'all' | 'specific' | 'none'; categories?: number[] };
  discount_rules: { type: 'price_list' | 'all' | 'category' | 'product'; method: string; amount: string }[];
  /** `YYYY-MM-DD hh:mm:ss`, as in customers.v2.yml's example. */
  date_created: string;
  date_modified: string;
  is_group_for_guests: boolean;
}
