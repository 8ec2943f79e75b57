import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Address, ContextField } from '../../../../shared/common.js';
import type { LineItem, OrderDetail, Totals } from '../../../../shared/order.js';
import { OcComposeEvent } from '../../events/compose-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { renderFields } from '../../render-field.js';
import { renderCode, renderTime } from '../../render-label.js';
import { isHttpUrl } from '../../safe-url.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock } from '../../time.js';
import { orderDetailStyles } from './order-detail.styles.js';
import { renderStatusBadge, statusBadgeStyles } from '../status-badge/status-badge.js';
import '../copy-button/copy-button.js';

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
 * @summary One order, answer first: a header with number, status, dates, total, payment and shipping method
 *   (each shown once), then shipments with tracking (refunds first for a refunded order), items, totals,
 *   transactions, addresses, the market's other fields and the staff notes.
 * @slot composer - The note composer (or what stands in for it until it is loaded), under the staff notes.
 * @slot actions - More actions in the header (the status change).
 * @slot since - What changed since the ticket was opened, under the shipments and refunds.
 * @slot refunds - The order's refunds (oc-order-refunds), in the refunds section it shows when there are any.
 * @event oc-compose - "Write a note" pressed (bubbles, not composed); only with `can-note`.
 */
export class OcOrderDetail extends LitElement {
  static override styles = [baseStyles, statusBadgeStyles, orderDetailStyles];
  static override properties = {
    order: { attribute: false },
    i18n: { attribute: false },
    now: { attribute: false },
    canNote: { type: Boolean, attribute: 'can-note' },
    replying: { state: true },
  };

  order: OrderDetail | null = null;
  i18n: I18n | null = null;
  now: Clock = systemClock;
  /** The agent may write notes: the header offers "Write a note" (also the N key). */
  canNote = false;

  /** "Copy as reply" was pressed: its preview is shown (or, when its chunk did not load, why not). */
  private replying: 'shown' | 'failed' | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A reply describes one order as it was: another order (or a refreshed one) needs a new one.
    if (changed.has('order')) this.replying = null;
  }

  override render() {
    const { order, i18n } = this;
    if (!order || !i18n) return nothing;
    const { t } = i18n;
    const now = this.now();
    const shipments = this.#renderSection('shipments', t.shipments, this.#renderShipments(order, i18n, now));
    const refunds = order.refunds.length
      ? // The refunds themselves come from the container (oc-order-refunds, loaded only for such an order).
        this.#renderSection('refunds', t.refunds, html`<slot name="refunds"></slot>`)
      : nothing;
    // Template fields the header already answers (number, status, total, dates, tracking) are not repeated.
    const fields = renderFields(
      order.fields.filter((field) => !isInSummary(field, order)),
      i18n,
    );
    return html`<article aria-labelledby="order-heading">
      ${this.#renderHeader(order, i18n, now)}
      ${order.status.family === 'refunded' ? [refunds, shipments] : [shipments, refunds]}
      <slot name="since"></slot>
      ${this.#renderSection('items', t.lineItems, this.#renderItems(order, i18n))}
      ${this.#renderSection('totals', t.totals, this.#renderTotals(order, i18n))}
      ${
        order.payment.transactions.length
          ? this.#renderSection('payment', t.transactions, this.#renderTransactions(order, i18n, now))
          : nothing
      }
      ${this.#renderSection('shipping', t.shipping, this.#renderShipping(order, i18n))}
      ${fields === nothing ? nothing : this.#renderSection('details', t.details, fields)}
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
        html`${this.#renderNotes(order, i18n, now)} <slot name="composer"></slot>`,
      )}
    </article>`;
  }

  /** Called when the detail opens so screen readers announce which order is shown. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#order-heading')?.focus();
  }

  #renderSection(id: string, heading: string, body: unknown): TemplateResult {
    return html`<section aria-labelledby=${`${id}-heading`}>
      <h3 id=${`${id}-heading`}>${heading}</h3>
      ${body}
    </section>`;
  }

  #renderHeader(order: OrderDetail, i18n: I18n, now: number): TemplateResult {
    const { t } = i18n;
    const methods = shippingMethods(order);
    return html`<header>
      <div class="line">
        <span class="title">
          <h2 id="order-heading" tabindex="-1">${t.orderNumber(String(order.id))}</h2>
          <oc-copy-button
            .value=${String(order.id)}
            .label=${t.copyOrderNumber}
            .i18n=${i18n}
          ></oc-copy-button>
        </span>
        ${renderStatusBadge(order.status, i18n)}
      </div>
      <p class="small">
        ${t.ordered} ${renderTime(order.dateCreated, i18n, now)}
        ${order.dateShipped ? html` · ${t.shippedLabel} ${renderTime(order.dateShipped, i18n, now)}` : nothing}
        ${order.guest ? html` · <span class="tag">${t.guestOrder}</span>` : nothing}
      </p>
      <dl class="kv">
        <dt>${t.totalLabels.total}</dt>
        <dd class="grand amount">${i18n.money(order.totals.total)}</dd>
        <dt>${t.payment}</dt>
        <dd>
          ${renderCode(i18n.paymentStatus(order.payment.status))} ·
          ${renderCode(i18n.payment(order.payment.method))}
        </dd>
        ${
          methods.length
            ? html`<dt>${t.shippingMethod}</dt>
                <dd>${methods.join(', ')}</dd>`
            : nothing
        }
      </dl>
      <p class="actions">
        <button type="button" class="link" @click=${this.#onCopyReply}>${t.copyReply}</button>
        ${
          this.canNote
            ? html`<button type="button" class="link" aria-keyshortcuts="N" @click=${this.#onCompose}>
                ${t.writeNote} <kbd aria-hidden="true">N</kbd>
              </button>`
            : nothing
        }
        <slot name="actions"></slot>
        ${
          isHttpUrl(order.controlPanelUrl)
            ? html`<a href=${order.controlPanelUrl} target="_blank" rel="noopener noreferrer"
                >${t.openInBigCommerce}<span class="sr-only"> ${t.opensInNewTab}</span></a
              >`
            : nothing
        }
      </p>
      ${
        this.replying === 'shown'
          ? html`<oc-reply-preview .order=${order} .i18n=${i18n}></oc-reply-preview>`
          : this.replying === 'failed'
            ? html`<p class="small" role="alert">${i18n.error('network_error')}</p>`
            : nothing
      }
      ${order.skipped > 0 ? html`<p class="warn" role="note">${t.skipped(order.skipped)}</p>` : nothing}
    </header>`;
  }

  #renderShipments(order: OrderDetail, i18n: I18n, now: number): TemplateResult {
    const { t } = i18n;
    if (!order.shipments.length) return html`<p class="muted">${t.noShipments}</p>`;
    return html`<ul class="list">
      ${order.shipments.map((shipment) => {
        const carrier = i18n.carrier(shipment.carrier) || shipment.shippingMethod;
        return html`<li>
          <div class="line">
            <span class="name">${carrier || t.notAvailable}</span>
            ${shipment.dateCreated ? html`<span class="small">${renderTime(shipment.dateCreated, i18n, now)}</span>` : nothing}
          </div>
          ${
            shipment.carrier && shipment.shippingMethod
              ? html`<p class="small">${shipment.shippingMethod}</p>`
              : nothing
          }
          ${
            shipment.trackingNumber
              ? html`<p class="tracking">
                  ${
                    isHttpUrl(shipment.trackingLink)
                      ? // The link names carrier and number: that is what an agent reads out, not a host name.
                        html`<a href=${shipment.trackingLink} target="_blank" rel="noopener noreferrer"
                          >${carrier ? `${carrier} ` : ''}${shipment.trackingNumber}<span class="sr-only">
                            ${t.opensInNewTab}</span
                          ></a
                        >`
                      : html`<span>${t.trackingNumber}: ${shipment.trackingNumber}</span>`
                  }
                  <oc-copy-button
                    .value=${shipment.trackingNumber}
                    .label=${t.copyTrackingNumber}
                    .i18n=${i18n}
                  ></oc-copy-button>
                </p>`
              : nothing
          }
          <ul class="small">
            ${shipment.items.map((item) => html`<li>${i18n.number(item.quantity)} × ${item.name}</li>`)}
          </ul>
          ${shipment.comments ? html`<p class="small pre">${shipment.comments}</p>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  #renderItems(order: OrderDetail, i18n: I18n): TemplateResult {
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
                  ? html`<span class="tag return"
                      >${t.returnMarker(String(item.returnId))}${returnState(item, i18n)}</span
                    >`
                  : nothing
              }
            </p>
          </li>`,
      )}
    </ul>`;
  }

  #renderTotals(order: OrderDetail, i18n: I18n): TemplateResult {
    const { t } = i18n;
    const { totals } = order;
    const coupons = order.coupons ?? [];
    const rows = TOTAL_ROWS.filter(
      (key) => ALWAYS_SHOWN.has(key) || !isZero(totals[key].amount) || (key === 'discount' && coupons.length),
    );
    return html`<dl class="kv">
      ${rows.map((key) =>
        key === 'discount'
          ? html`<dt>${t.totalLabels.discount}</dt>
              <dd class="amount">${i18n.minus(totals.discount)}</dd>
              ${coupons.map(
                (coupon) =>
                  html`<dt class="coupon">${t.coupon(coupon.code)}</dt>
                    <dd class="amount">${i18n.minus(coupon.discount)}</dd>`,
              )}`
          : html`<dt>${t.totalLabels[key]}</dt>
              <dd class="amount">${i18n.money(totals[key])}</dd>`,
      )}
      <dt class="grand">${t.totalLabels.total}</dt>
      <dd class="grand amount">${i18n.money(totals.total)}</dd>
      ${
        isZero(totals.refunded.amount)
          ? nothing
          : html`<dt>${t.totalLabels.refunded}</dt>
              <dd class="amount">${i18n.money(totals.refunded)}</dd>`
      }
    </dl>`;
  }

  #renderTransactions(order: OrderDetail, i18n: I18n, now: number): TemplateResult {
    const { t } = i18n;
    return html`<ul class="list">
      ${order.payment.transactions.map((tx) => {
        const method = i18n.payment(tx.method);
        const gateway = i18n.payment(tx.gateway);
        const parts = [
          renderCode(method),
          gateway.text === method.text || !tx.gateway ? '' : renderCode(gateway),
          tx.cardLast4 ? t.cardEnding(tx.cardLast4) : '',
          tx.dateCreated ? renderTime(tx.dateCreated, i18n, now) : '',
        ].filter((part) => part !== '');
        return html`<li>
          <div class="line">
            <span class="name"
              >${renderCode(i18n.transactionEvent(tx.event))} ·
              ${renderCode(i18n.transactionStatus(tx.status))}</span
            >
            <span class="amount">${i18n.money(tx.amount)}</span>
          </div>
          <p class="small">
            ${parts.map((part, index) => (index ? html` · ${part}` : part))}
            ${tx.test ? html` · <span class="tag">${t.testTransaction}</span>` : nothing}
          </p>
        </li>`;
      })}
    </ul>`;
  }

  #renderShipping(order: OrderDetail, i18n: I18n): TemplateResult {
    const { t } = i18n;
    const several = order.shippingAddresses.length > 1;
    const billingShipped = order.shippingAddresses.some((address) =>
      isSameAddress(address, order.billingAddress),
    );
    return html`<ul class="list">
        ${order.shippingAddresses.map(
          (address) =>
            html`<li>
              <dl class="kv">
                ${
                  // With one address the header already names the method.
                  several
                    ? html`<dt>${t.shippingMethod}</dt>
                        <dd>${address.shippingMethod || t.notAvailable}</dd>`
                    : nothing
                }
                <dt>${t.shippingCost}</dt>
                <dd class="amount">${i18n.money(address.cost)}</dd>
              </dl>
              ${this.#renderAddress(address, i18n)}
              <p class="small">
                ${t.itemsShipped(i18n.number(address.itemsShipped), i18n.number(address.itemsTotal))}
              </p>
            </li>`,
        )}
      </ul>
      ${
        billingShipped
          ? html`<p class="small">${t.billingSameAsShipping}</p>`
          : html`<h4 class="small">${t.billingAddress}</h4>
              ${this.#renderAddress(order.billingAddress, i18n)}`
      }`;
  }

  #renderAddress(address: Address, i18n: I18n): TemplateResult | typeof nothing {
    const lines = addressLines(address, i18n);
    if (!lines.length) return nothing;
    return html`<div class="address">
      <address>${lines.map((line) => html`${line}<br />`)}</address>
      <oc-copy-button .value=${lines.join('\n')} .label=${i18n.t.copyAddress} .i18n=${i18n}></oc-copy-button>
    </div>`;
  }

  #renderNotes(order: OrderDetail, i18n: I18n, now: number): TemplateResult {
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
                    ${note.ours && note.at ? ' · ' : nothing}${note.at ? renderTime(note.at, i18n, now) : nothing}
                  </p>`
                : nothing
            }
            <p class="pre">${note.text}</p>
          </li>`,
      )}
    </ul>`;
  }

  readonly #onCompose = (): void => {
    this.dispatchEvent(new OcComposeEvent());
  };

  readonly #onCopyReply = async (event: Event): Promise<void> => {
    const button = event.currentTarget as HTMLElement;
    try {
      // Only agents who answer with it pay for it and its texts: a chunk of its own.
      await import('../reply-preview/reply-preview.js');
      this.replying = 'shown';
      await this.updateComplete;
      await this.renderRoot.querySelector('oc-reply-preview')?.copy(button);
    } catch {
      this.replying = 'failed';
    }
  };
}

/** Decimal strings are compared as text: "0", "0.00", "-0.0000" are zero; no float arithmetic on money. */
function isZero(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount);
}

function shippingMethods(order: OrderDetail): string[] {
  return [...new Set(order.shippingAddresses.map((address) => address.shippingMethod).filter(Boolean))];
}

/** Whether the header or the shipments already show this template field's value. */
function isInSummary(field: ContextField, order: OrderDetail): boolean {
  const { value } = field;
  if (value === null || typeof value === 'number') return value === order.id;
  if (typeof value === 'object') {
    return 'family' in value
      ? value.id === order.status.id
      : value.amount === order.totals.total.amount && value.currency === order.totals.total.currency;
  }
  const shown = [
    String(order.id),
    `#${order.id}`,
    order.status.label,
    order.payment.status,
    order.payment.method,
    order.dateCreated,
    order.dateShipped,
    ...shippingMethods(order),
    ...order.shipments.flatMap((shipment) => [shipment.trackingNumber, shipment.trackingLink]),
  ];
  return shown.includes(value.trim());
}

function returnState(item: LineItem, i18n: I18n): string {
  const { t } = i18n;
  const refunded = item.quantityRefunded;
  return ` · ${refunded <= 0 ? t.returnOpen : refunded >= item.quantity ? t.returnRefunded : t.returnPartlyRefunded}`;
}

const ADDRESS_KEYS = [
  'name',
  'company',
  'street1',
  'street2',
  'city',
  'state',
  'zip',
  'countryIso2',
] as const;

function isSameAddress(a: Address, b: Address): boolean {
  return ADDRESS_KEYS.every((key) => a[key].trim().toLowerCase() === b[key].trim().toLowerCase());
}

function addressLines(address: Address, i18n: I18n): string[] {
  // North American addresses put the postcode after the state; most others put it before the city.
  const cityLine = ['US', 'CA'].includes(address.countryIso2)
    ? `${address.city}, ${address.state} ${address.zip}`
    : [`${address.zip} ${address.city}`, address.state === address.city ? '' : address.state]
        .filter((s) => s.trim())
        .join(', ');
  return [
    address.name,
    address.company,
    address.street1,
    address.street2,
    cityLine,
    i18n.country(address.countryIso2, address.country),
  ]
    .map((line) => line.trim())
    .filter((line) => line && line !== ',');
}

customElements.define('oc-order-detail', OcOrderDetail);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-detail': OcOrderDetail;
  }
}
