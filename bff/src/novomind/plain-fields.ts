import type { OrderSummary, TemplateField } from '../../../shared/index.js';
import { resolvePath } from '../context/templates.js';

/**
 * The template's fields as novomind stores them: a flat object of keys to plain strings (DESIGN §10). Money
 * is "129.95 EUR", dates stay ISO 8601, a status is the merchant's label, an empty value is "". A key whose
 * source the view cannot answer at all (an order's tracking number, when only its list entry is at hand) is
 * left out, so novomind keeps what it stored before instead of blanking it.
 */
export function toPlainFields(fields: readonly TemplateField[], view: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = resolvePath(view, field.source);
    if (value === undefined) continue;
    out[field.key] = toPlainText(value);
  }
  return out;
}

export function toPlainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.amount === 'string' && typeof record.currency === 'string') {
      return `${record.amount} ${record.currency}`;
    }
    if (typeof record.label === 'string' && typeof record.id === 'number') return record.label;
  }
  // Lists and other objects have no single text; "" rather than "[object Object]".
  return '';
}

/**
 * What an order's list entry (the index's summary, a context page's order) says, shaped like the order
 * detail's view (get-order-detail.ts toOrderView) so one template reads both; what only the detail knows
 * (shipping, tracking, line items, addresses) is absent, not empty.
 */
export function toSummaryView(summary: OrderSummary): Record<string, unknown> {
  return {
    id: summary.id,
    status: summary.status,
    dateCreated: summary.dateCreated,
    payment: { status: summary.paymentStatus },
    totals: { total: summary.total },
    currency: summary.total.currency,
    itemCount: summary.itemCount,
    guest: summary.guest,
    channelId: summary.channelId,
  };
}
