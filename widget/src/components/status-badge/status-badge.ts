import { html, nothing, type TemplateResult } from 'lit';
import type { OrderStatus } from '../../../../shared/common.js';
import type { I18n } from '../../i18n/i18n.js';

export { statusBadgeStyles } from './status-badge.styles.js';

/**
 * An order status coloured by its family: our words for a BigCommerce default name, else the merchant's own
 * label, which then gets the family in words as a tooltip. A template partial rather than an element: it appears
 * on every order row, and a shadow root per row buys nothing here. Hosts add `statusBadgeStyles`.
 */
export function renderStatusBadge(status: OrderStatus, i18n: I18n): TemplateResult {
  const label = i18n.status(status);
  const own = label !== i18n.t.statusNames[status.id];
  return html`<span
    class="status"
    data-family=${status.family}
    title=${own ? i18n.t.statusFamilies[status.family] : nothing}
    >${label}</span
  >`;
}
