import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { Address, Money } from '../../../../shared/common.js';
import type { OrderDetail, Totals } from '../../../../shared/order.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { renderFields } from '../../render-field.js';
import { isHttpUrl } from '../../safe-url.js';
import { baseStyles } from '../../styles/base.styles.js';
import { orderDetailStyles } from './order-detail.styles.js';
import { renderStatusBadge, statusBadgeStyles } from '../status-badge/status-badge.js';

/** In the order an invoice lists them; zero lines are left out except these, which an agent expects to see. */
const TOTAL_ROWS: readonly (keyof Totals)[] = [
  'subtotal',
  'discount',
  'shipping',
  'handling',
  'wrapping',
  'tax',
  'storeCredit',
  'giftCertificate',
];
const ALWAYS_SHOWN = new Set<keyof Totals>(['subtotal', 'shipping', 'tax']);

/**
 * @summary Everything about one order an agent needs on the phone: status, payment, totals, items,
 *   shipping, shipments with tracking, refunds, staff notes.
 * @slot composer - The note composer, shown under the staff notes.
 */
export class OcOrderDetail extends LitElement {
  static override styles = [baseStyles, statusBadgeStyles, orderDetailStyles];
  static override properties = {
    order: { attribute: false },
    i18n: { attribute: false },
  };

  order: OrderDetail | null = null;
  i18n: I18n = createI18n();

  override render() {
    const { order, i18n } = this;
    if (!order) return nothing;
    const { t } = i18n;
    const fields = renderFields(order.fields, i18n);
    return html`<article aria-labelledby="order-heading">
      <div>
        <div class="line">
          <h2 id="order-heading" tabindex="-1">${t.orderNumber(String(order.id))}</h2>
          ${renderStatusBadge(order.status)}
        </div>
        <p class="small">
          <span>${t.orderedOn(i18n.dateTime(order.dateCreated))}</span>
          ${order.dateShipped ? html`· <span>${t.shippedOn(i18n.date(order.dateShipped))}</span>` : nothing}
          ${order.guest ? html`<span class="tag">${t.guestOrder}</span>` : nothing}
        </p>
        ${
          isHttpUrl(order.controlPanelUrl)
            ? html`<p>
                <a href=${order.controlPanelUrl} target="_blank" rel="noopener noreferrer"
                  >${t.openInBigCommerce}<span class="sr-only"> ${t.opensInNewTab}</span></a
                >
              </p>`
            : nothing
        }
        ${order.skipped > 0 ? html`<p class="warn" role="note">${t.skipped(order.skipped)}</p>` : nothing}
      </div>
      ${fields === nothing ? nothing : this.#renderSection('details', t.details, fields)}
      ${this.#renderSection('payment', t.payment, this.#renderPayment(order))}
      ${this.#renderSection('totals', t.totals, this.#renderTotals(order.totals))}
      ${this.#renderSection('items', t.lineItems, this.#renderItems(order))}
      ${this.#renderSection('shipping', t.shipping, this.#renderShipping(order))}
      ${this.#renderSection('shipments', t.shipments, this.#renderShipments(order))}
      ${this.#renderSection('refunds', t.refunds, this.#renderRefunds(order))}
      ${
        order.customerMessage
          ? this.#renderSection(
              'message',
              t.customerMessage,
              html`<p class="pre">${order.customerMessage}</p>`,
            )
          : nothing
      }
      ${this.#renderSection(
        'notes',
        t.staffNotes,
        html`${this.#renderNotes(order)} <slot name="composer"></slot>`,
      )}
    </article>`;
  }

  /** Called when the detail opens so screen readers announce which order is shown. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#order-heading')?.focus();
  }

  #renderSection(id: string, heading: string, body: TemplateResult): TemplateResult {
    return html`<section aria-labelledby=${`${id}-heading`}>
      <h3 id=${`${id}-heading`}>${heading}</h3>
      ${body}
    </section>`;
  }

  #renderPayment(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    return html`<dl class="kv">
        <dt>${t.paymentStatus}</dt>
        <dd>${order.payment.status || t.notAvailable}</dd>
        <dt>${t.paymentMethod}</dt>
        <dd>${order.payment.method || t.notAvailable}</dd>
      </dl>
      ${
        order.payment.transactions.length
          ? html`<ul class="list" aria-label=${t.transactions}>
              ${order.payment.transactions.map(
                (tx) =>
                  html`<li>
                    <div class="line">
                      <span class="name">${tx.event} · ${tx.status}</span>
                      <span class="amount">${i18n.money(tx.amount)}</span>
                    </div>
                    <p class="small">
                      ${[tx.method, tx.gateway, tx.cardLast4 ? t.cardEnding(tx.cardLast4) : '']
                        .filter(Boolean)
                        .join(' · ')}
                      ${tx.dateCreated ? html` · ${i18n.dateTime(tx.dateCreated)}` : nothing}
                      ${tx.test ? html` · <span class="tag">${t.testTransaction}</span>` : nothing}
                    </p>
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }

  #renderTotals(totals: Totals): TemplateResult {
    const { t } = this.i18n;
    const rows = TOTAL_ROWS.filter((key) => ALWAYS_SHOWN.has(key) || !isZero(totals[key]));
    return html`<dl class="kv">
      ${rows.map((key) => this.#renderMoneyRow(t.totalLabels[key], totals[key]))}
      <dt class="grand">${t.totalLabels.total}</dt>
      <dd class="grand amount">${this.i18n.money(totals.total)}</dd>
      ${isZero(totals.refunded) ? nothing : this.#renderMoneyRow(t.totalLabels.refunded, totals.refunded)}
    </dl>`;
  }

  #renderMoneyRow(label: string, money: Money): TemplateResult {
    return html`<dt>${label}</dt>
      <dd class="amount">${this.i18n.money(money)}</dd>`;
  }

  #renderItems(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    return html`<ul class="list">
      ${order.lineItems.map(
        (item) =>
          html`<li>
            <div class="line">
              <span class="name">${item.name}</span>
              <span class="amount">${i18n.money(item.total)}</span>
            </div>
            ${
              item.options.length
                ? html`<p class="small">${item.options.map((o) => `${o.name}: ${o.value}`).join(', ')}</p>`
                : nothing
            }
            <p class="small">
              ${t.sku} ${item.sku || t.notAvailable} ·
              ${t.quantityTimesPrice(i18n.number(item.quantity), i18n.money(item.price))}
            </p>
            <p>
              <span class="tag"
                >${t.shippedQuantity(i18n.number(item.quantityShipped), i18n.number(item.quantity))}</span
              >
              ${
                item.quantityRefunded > 0
                  ? html`<span class="tag">${t.refundedQuantity(i18n.number(item.quantityRefunded))}</span>`
                  : nothing
              }
              ${
                item.returnId !== null
                  ? html`<span class="tag return">${t.returnMarker(String(item.returnId))}</span>`
                  : nothing
              }
            </p>
          </li>`,
      )}
    </ul>`;
  }

  #renderShipping(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    return html`<ul class="list">
        ${order.shippingAddresses.map(
          (address) =>
            html`<li>
              <dl class="kv">
                <dt>${t.shippingMethod}</dt>
                <dd>${address.shippingMethod || t.notAvailable}</dd>
                <dt>${t.shippingCost}</dt>
                <dd class="amount">${i18n.money(address.cost)}</dd>
              </dl>
              ${renderAddress(address)}
              <p class="small">
                ${t.itemsShipped(i18n.number(address.itemsShipped), i18n.number(address.itemsTotal))}
              </p>
            </li>`,
        )}
      </ul>
      <h4 class="small">${t.billingAddress}</h4>
      ${renderAddress(order.billingAddress)}`;
  }

  #renderShipments(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    if (!order.shipments.length) return html`<p class="muted">${t.noShipments}</p>`;
    return html`<ul class="list">
      ${order.shipments.map(
        (shipment) =>
          html`<li>
            <div class="line">
              <span class="name">${shipment.carrier || shipment.shippingMethod || t.notAvailable}</span>
              ${shipment.dateCreated ? html`<span class="small">${i18n.date(shipment.dateCreated)}</span>` : nothing}
            </div>
            ${
              shipment.carrier && shipment.shippingMethod
                ? html`<p class="small">${shipment.shippingMethod}</p>`
                : nothing
            }
            ${
              shipment.trackingNumber
                ? html`<p>
                    ${t.trackingNumber}:
                    ${
                      isHttpUrl(shipment.trackingLink)
                        ? html`<a href=${shipment.trackingLink} target="_blank" rel="noopener noreferrer"
                            >${shipment.trackingNumber}<span class="sr-only"> ${t.opensInNewTab}</span></a
                          >`
                        : shipment.trackingNumber
                    }
                  </p>`
                : nothing
            }
            <ul class="small">
              ${shipment.items.map((item) => html`<li>${i18n.number(item.quantity)} × ${item.name}</li>`)}
            </ul>
            ${shipment.comments ? html`<p class="small pre">${shipment.comments}</p>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  #renderRefunds(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    if (!order.refunds.length) return html`<p class="muted">${t.noRefunds}</p>`;
    return html`<ul class="list">
      ${order.refunds.map(
        (refund) =>
          html`<li>
            <div class="line">
              <span class="name amount">${i18n.money(refund.total)}</span>
              ${refund.dateCreated ? html`<span class="small">${i18n.date(refund.dateCreated)}</span>` : nothing}
            </div>
            ${refund.reason ? html`<p class="small">${t.reason}: ${refund.reason}</p>` : nothing}
            <ul class="small">
              ${refund.items.map(
                (item) =>
                  html`<li>
                    ${item.quantity !== null ? `${i18n.number(item.quantity)} × ` : ''}${item.name || item.itemType}
                    ${item.amount ? html`<span class="amount">(${i18n.money(item.amount)})</span>` : nothing}
                  </li>`,
              )}
            </ul>
          </li>`,
      )}
    </ul>`;
  }

  #renderNotes(order: OrderDetail): TemplateResult {
    const { i18n } = this;
    const { t } = i18n;
    if (!order.notes.length) return html`<p class="muted">${t.noStaffNotes}</p>`;
    return html`<ul class="list">
      ${order.notes.map(
        (note) =>
          html`<li class=${note.ours ? 'ours' : ''}>
            ${
              note.ours || note.at
                ? html`<p class="small">
                    ${note.ours ? t.noteStamp(note.agent ?? t.notAvailable, note.ticket ?? t.notAvailable) : nothing}
                    ${note.ours && note.at ? ' · ' : nothing}${note.at ? i18n.dateTime(note.at) : nothing}
                  </p>`
                : nothing
            }
            <p class="pre">${note.text}</p>
          </li>`,
      )}
    </ul>`;
  }
}

/** Decimal strings are compared as text: "0", "0.00", "-0.0000" are zero; no float arithmetic on money. */
function isZero(money: Money): boolean {
  return /^-?0*(\.0*)?$/.test(money.amount);
}

function renderAddress(address: Address): TemplateResult {
  // North American addresses put the postcode after the state; most others put it before the city.
  const cityLine = ['US', 'CA'].includes(address.countryIso2)
    ? `${address.city}, ${address.state} ${address.zip}`
    : [`${address.zip} ${address.city}`, address.state === address.city ? '' : address.state]
        .filter((s) => s.trim())
        .join(', ');
  const lines = [address.name, address.company, address.street1, address.street2, cityLine, address.country];
  return html`<address>${lines.filter((line) => line.trim()).map((line) => html`${line}<br />`)}</address>`;
}

customElements.define('oc-order-detail', OcOrderDetail);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-detail': OcOrderDetail;
  }
}
