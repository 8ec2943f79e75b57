import type {
  ContextField,
  FieldTemplate,
  Money,
  OrderStatus,
  TemplateField,
} from '../../../shared/index.js';

/**
 * The field-mapping template used when a market brings none of its own (config `markets.<id>.template`).
 * Sources are dotted paths into the views built by `toCustomerView` (map-customer.ts) and `toOrderView`
 * (get-order-detail.ts).
 */
export const DEFAULT_TEMPLATE: FieldTemplate = {
  // Name, email and market stand in the card's header; the template adds what identifies the account.
  customer: [
    { key: 'customerId', source: 'id', label: { en: 'Customer ID', de: 'Kundennummer' }, format: 'text' },
    {
      key: 'customerGroup',
      // The group's name (read once per store); a group id means nothing to an agent.
      source: 'customerGroupName',
      label: { en: 'Customer group', de: 'Kundengruppe' },
      format: 'text',
    },
    { key: 'company', source: 'company', label: { en: 'Company', de: 'Firma' }, format: 'text' },
    { key: 'phone', source: 'phone', label: { en: 'Phone', de: 'Telefon' }, format: 'text' },
  ],
  order: [
    {
      key: 'orderNumber',
      source: 'id',
      label: { en: 'Order number', de: 'Bestellnummer' },
      format: 'text',
    },
    { key: 'status', source: 'status', label: { en: 'Status', de: 'Status' }, format: 'status' },
    {
      key: 'paymentStatus',
      source: 'payment.status',
      label: { en: 'Payment status', de: 'Zahlungsstatus' },
      format: 'text',
    },
    { key: 'total', source: 'totals.total', label: { en: 'Total', de: 'Gesamtbetrag' }, format: 'money' },
    {
      key: 'shippingMethod',
      source: 'shippingMethod',
      label: { en: 'Shipping method', de: 'Versandart' },
      format: 'text',
    },
    {
      key: 'trackingNumber',
      source: 'trackingNumber',
      label: { en: 'Tracking number', de: 'Sendungsnummer' },
      format: 'text',
    },
    {
      key: 'trackingLink',
      source: 'trackingLink',
      label: { en: 'Tracking link', de: 'Sendungsverfolgung' },
      format: 'link',
    },
    {
      key: 'orderDate',
      source: 'dateCreated',
      label: { en: 'Order date', de: 'Bestelldatum' },
      format: 'date',
    },
  ],
};

type FieldValue = ContextField['value'];

/** Resolves every field of one template section against a view; labels follow the session's locale. */
export function applyTemplate(
  fields: readonly TemplateField[],
  locale: string,
  view: unknown,
): ContextField[] {
  return fields.map((field) => ({
    key: field.key,
    label: pickLabel(field.label, locale, field.key),
    format: field.format,
    value: toFieldValue(resolvePath(view, field.source)),
  }));
}

/** Exact locale, then its language ("de-AT" -> "de"), then English, then the key itself. */
export function pickLabel(
  labels: Readonly<Record<string, string>>,
  locale: string,
  fallback: string,
): string {
  const exact = labels[locale];
  if (exact !== undefined) return exact;
  const lower = locale.toLowerCase();
  for (const [tag, text] of Object.entries(labels)) if (tag.toLowerCase() === lower) return text;
  const language = lower.split(/[-_]/)[0] ?? '';
  for (const [tag, text] of Object.entries(labels)) if (tag.toLowerCase() === language) return text;
  return labels.en ?? fallback;
}

/** `a.b.0.c`: object keys and array indices. Own properties only, so a template cannot reach prototypes. */
export function resolvePath(view: unknown, path: string): unknown {
  let current: unknown = view;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

// The format is a display hint for the widget; values are passed through as they are in the view.
function toFieldValue(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return String(value);
  if (isMoney(value)) return { amount: value.amount, currency: value.currency };
  if (isStatus(value)) return { id: value.id, label: value.label, family: value.family };
  // Arrays and other objects have no single display value; a template pointing at one shows nothing
  // rather than "[object Object]".
  return null;
}

function isMoney(value: object): value is Money {
  const record = value as Record<string, unknown>;
  return typeof record.amount === 'string' && typeof record.currency === 'string';
}

function isStatus(value: object): value is OrderStatus {
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'number' && typeof record.label === 'string' && typeof record.family === 'string'
  );
}
