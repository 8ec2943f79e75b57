import { LitElement, html, nothing } from 'lit';
import type { OrderSummary } from '../../../../shared/context.js';
import { OcOrderSelectEvent } from '../../events/order-select-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { renderTime } from '../../render-label.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock } from '../../time.js';
import { orderListStyles } from './order-list.styles.js';
import { emptyStateStyles, renderEmptyState } from '../empty-state/empty-state.js';
import { renderStatusBadge, statusBadgeStyles } from '../status-badge/status-badge.js';

/**
 * @summary One page of the shopper's orders, newest first; each row is a button that opens the order. Longer
 *   lists are paged in place by the order history part (its own chunk), so this list never grows past a page.
 * @event oc-order-select - A row was activated (click, Enter or Space); bubbles, composed.
 * @slot - Below the rows: the pager and filter of a long list.
 */
export class OcOrderList extends LitElement {
  static override styles = [baseStyles, statusBadgeStyles, emptyStateStyles, orderListStyles];
  static override properties = {
    orders: { attribute: false },
    i18n: { attribute: false },
    now: { attribute: false },
    ticketOrder: { attribute: false },
    changed: { attribute: false },
  };

  orders: readonly OrderSummary[] = [];
  i18n: I18n | null = null;
  now: Clock = systemClock;
  /** The order the ticket is about (session `order`): its row is marked. */
  ticketOrder: number | undefined = undefined;
  /** Orders changed since the ticket was opened: their rows are marked. */
  changed: readonly number[] = [];

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const { t } = i18n;
    const now = this.now();
    return html`<section aria-labelledby="orders-heading">
      <h2 id="orders-heading" tabindex="-1">${t.orders}</h2>
      ${
        this.orders.length === 0
          ? renderEmptyState(t.noOrdersTitle, t.noOrdersText)
          : html`<ul class="rows">
              ${sortNewestFirst(this.orders).map(
                (order) =>
                  html`<li>
                    <button type="button" data-order-id=${order.id} @click=${() => this.#select(order.id)}>
                      <span class="line">
                        <span class="name">${t.orderNumber(String(order.id))}</span>
                        ${renderStatusBadge(order.status, i18n)}
                      </span>
                      <span class="line">
                        <span class="small">
                          ${renderTime(order.dateCreated, i18n, now)} ·
                          ${t.itemCount(order.itemCount, i18n.number(order.itemCount))}
                          ${order.guest ? html`· <span class="tag">${t.guestOrder}</span>` : nothing}
                          ${order.id === this.ticketOrder ? html`· <strong class="tag">${t.ticketOrder}</strong>` : nothing}
                          ${this.changed.includes(order.id) ? html`· <span class="tag">${t.changedSinceTicket}</span>` : nothing}
                        </span>
                        <span class="name amount">${i18n.money(order.total)}</span>
                      </span>
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <slot></slot>
    </section>`;
  }

  /**
   * Returning from the detail puts focus back on the row the agent came from; after another page or a filter,
   * on its first row. Without that row (it left the list, or nothing matched), the list's heading.
   */
  async focusOrder(orderId: number): Promise<void> {
    await this.updateComplete;
    const row = this.renderRoot.querySelector<HTMLElement>(`[data-order-id="${orderId}"]`);
    (row ?? this.renderRoot.querySelector<HTMLElement>('#orders-heading'))?.focus();
  }

  #select(orderId: number): void {
    this.dispatchEvent(new OcOrderSelectEvent(orderId));
  }
}

/** The BFF already sorts; pages appended by "more" are merged here so the list stays newest first. */
function sortNewestFirst(orders: readonly OrderSummary[]): OrderSummary[] {
  return [...orders].sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
}

customElements.define('oc-order-list', OcOrderList);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-list': OcOrderList;
  }
}
