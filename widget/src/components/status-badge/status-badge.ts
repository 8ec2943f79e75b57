import { html, type TemplateResult } from 'lit';
import type { OrderStatus } from '../../../../shared/common.js';

export { statusBadgeStyles } from './status-badge.styles.js';

/**
 * An order status: the merchant's own label, coloured by its family. A template partial rather than an element:
 * it appears on every order row, and a shadow root per row buys nothing here. Hosts add `statusBadgeStyles`.
 */
export function renderStatusBadge(status: Pick<OrderStatus, 'family' | 'label'>): TemplateResult {
  return html`<span class="status" data-family=${status.family}>${status.label}</span>`;
}
