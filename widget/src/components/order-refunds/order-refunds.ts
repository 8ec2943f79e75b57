import { LitElement, html, nothing } from 'lit';
import type { Refund } from '../../../../shared/order.js';
import type { I18n } from '../../i18n/i18n.js';
import { renderTime } from '../../render-label.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock } from '../../time.js';
import { orderDetailStyles } from '../order-detail/order-detail.styles.js';

/**
 * @summary An order's refunds: amount, date, reason and what was refunded, its kinds in words. Slotted into the
 *   order detail's refunds section; a chunk of its own, loaded only for an order that has refunds (most have
 *   none, and a list with one order must stay within the widget's size budget).
 */
export class OcOrderRefunds extends LitElement {
  static override styles = [baseStyles, orderDetailStyles];
  static override properties = {
    refunds: { attribute: false },
    i18n: { attribute: false },
    now: { attribute: false },
  };

  refunds: readonly Refund[] = [];
  i18n: I18n | null = null;
  now: Clock = systemClock;

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const { t } = i18n;
    const now = this.now();
    return html`<ul class="list">
      ${this.refunds.map(
        (refund) =>
          html`<li>
            <div class="line">
              <span class="name amount">${i18n.money(refund.total)}</span>
              ${refund.dateCreated ? html`<span class="small">${renderTime(refund.dateCreated, i18n, now)}</span>` : nothing}
            </div>
            ${refund.reason ? html`<p class="small">${t.reason}: ${refund.reason}</p>` : nothing}
            <ul class="small">
              ${refund.items.map(
                (item) =>
                  html`<li>
                    ${item.quantity !== null ? `${i18n.number(item.quantity)} × ` : ''}${
                      item.itemType === 'PRODUCT'
                        ? item.name
                        : (t.refundItems[item.itemType] ?? (item.name || item.itemType))
                    }
                    ${item.amount ? html`<span class="amount">(${i18n.money(item.amount)})</span>` : nothing}
                  </li>`,
              )}
            </ul>
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('oc-order-refunds', OcOrderRefunds);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-refunds': OcOrderRefunds;
  }
}
