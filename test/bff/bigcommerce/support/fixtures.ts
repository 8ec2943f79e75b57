/** BigCommerce-shaped raw records (field names from the orders v2/v3 and customers v3 specs). */

export function rawAddress(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    first_name: 'Jane',
    last_name: 'Doe',
    company: '',
    street_1: '12 Main St',
    street_2: '',
    city: 'Austin',
    state: 'Texas',
    zip: '78701',
    country: 'United States',
    country_iso2: 'US',
    phone: '',
    email: 'jane@example.com',
    ...overrides,
  };
}

export function rawOrder(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    customer_id: 11,
    date_created: 'Tue, 05 Mar 2019 21:40:11 +0000',
    date_modified: 'Wed, 06 Mar 2019 08:00:00 +0000',
    date_shipped: '',
    status_id: 11,
    status: 'Awaiting Fulfillment',
    custom_status: 'Being packed',
    subtotal_ex_tax: '300.0000',
    subtotal_inc_tax: '330.0000',
    subtotal_tax: '30.0000',
    shipping_cost_ex_tax: '10.0000',
    shipping_cost_inc_tax: '11.0000',
    shipping_cost_tax: '1.0000',
    handling_cost_ex_tax: '0.0000',
    handling_cost_inc_tax: '0.0000',
    handling_cost_tax: '0.0000',
    wrapping_cost_ex_tax: '0.0000',
    wrapping_cost_inc_tax: '0.0000',
    wrapping_cost_tax: '0.0000',
    total_ex_tax: '310.0000',
    total_inc_tax: '361.9500',
    total_tax: '31.0000',
    items_total: 2,
    items_shipped: 0,
    payment_method: 'Credit Card',
    payment_provider_id: '',
    payment_status: 'captured',
    refunded_amount: '0.0000',
    store_credit_amount: '0.0000',
    gift_certificate_amount: '0.0000',
    currency_code: 'USD',
    default_currency_code: 'USD',
    currency_exchange_rate: '1.0000000000',
    staff_notes: '',
    customer_message: 'Please leave at the door',
    discount_amount: '0.0000',
    coupon_discount: '0.0000',
    shipping_address_count: 1,
    is_deleted: false,
    channel_id: 1,
    order_source: 'www',
    customer_locale: 'en',
    billing_address: rawAddress(),
    ...overrides,
  };
}

export function rawLineItem(
  id: number,
  orderId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    order_id: orderId,
    product_id: 77,
    variant_id: 12,
    order_address_id: 51,
    name: 'Fog Linen Chambray Towel',
    sku: 'S-ORAN',
    type: 'physical',
    base_price: '55.9900',
    price_ex_tax: '55.9900',
    price_inc_tax: '65.2300',
    price_tax: '9.2400',
    total_ex_tax: '55.9900',
    total_inc_tax: '65.2300',
    total_tax: '9.2400',
    quantity: 1,
    quantity_shipped: 0,
    is_refunded: false,
    quantity_refunded: 0,
    refund_amount: '0.0000',
    return_id: 0,
    discounted_total_inc_tax: '63.6400',
    parent_order_product_id: null,
    product_options: [{ display_name: 'Size', display_value: 'S', value: '69' }],
    ...overrides,
  };
}

export function rawShipment(
  id: number,
  orderId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    order_id: orderId,
    customer_id: 11,
    order_address_id: 51,
    date_created: 'Thu, 07 Mar 2019 10:00:00 +0000',
    tracking_number: '1Z999',
    shipping_method: 'Ship by Weight',
    shipping_provider: 'ups',
    shipping_provider_display_name: 'UPS',
    tracking_carrier: '',
    tracking_link: '',
    generated_tracking_link: 'https://www.ups.com/track?tracknum=1Z999',
    comments: '',
    items: [{ order_product_id: 65, product_id: 77, quantity: 1 }],
    ...overrides,
  };
}

export function rawTransaction(
  id: number,
  orderId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    order_id: String(orderId),
    event: 'purchase',
    method: 'credit_card',
    amount: 361.95,
    currency: 'USD',
    gateway: 'stripe',
    gateway_transaction_id: 'ch_1',
    date_created: '2019-03-05T21:40:12+00:00',
    test: false,
    status: 'ok',
    credit_card: { card_type: 'visa', card_last4: '4242' },
    ...overrides,
  };
}

export function rawCustomer(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    email: 'jane@example.com',
    first_name: 'Jane',
    last_name: 'Doe',
    company: '',
    phone: '',
    notes: '',
    customer_group_id: 0,
    date_created: '2021-01-26T21:37:36Z',
    date_modified: '2021-01-26T21:37:36Z',
    channel_ids: null,
    origin_channel_id: 1,
    ...overrides,
  };
}

export function v3Page(data: unknown[], currentPage: number, totalPages: number, perPage = 250): unknown {
  return {
    data,
    meta: {
      pagination: {
        total: data.length,
        count: data.length,
        per_page: perPage,
        current_page: currentPage,
        total_pages: totalPages,
      },
    },
  };
}
