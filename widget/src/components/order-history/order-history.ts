import { LitElement, html, nothing } from 'lit';
import type { ContextFilter, OrderCount } from '../../../../shared/context.js';
import { OcFilterEvent } from '../../events/filter-event.js';
import { OcPageEvent } from '../../events/page-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { ORDER_HISTORY_MESSAGES, type OrderHistoryMessages } from './order-history.messages.js';
import { orderHistoryStyles } from './order-history.styles.js';

/**
 * @summary A long order list's count, its pager (the list is paged in place, so it never grows past one page)
 *   and the filter toggle. The filter form is a chunk of its own, loaded when the agent first opens it.
 * @event oc-page - Newer or older page asked for (bubbles, not composed).
 * @event oc-filter - A filter applied or cleared, from the form (bubbles, not composed).
 */
export class OcOrderHistory extends LitElement {
  static override styles = [baseStyles, orderHistoryStyles];
  static override properties = {
    count: { attribute: false },
    page: { type: Number },
    hasOlder: { type: Boolean, attribute: 'has-older' },
    loading: { type: Boolean },
    filter: { attribute: false },
    i18n: { attribute: false },
    open: { state: true },
    failed: { state: true },
  };

  /** The first page's count; null before one arrived. */
  count: OrderCount | null = null;
  /** 0-based index of the page shown. */
  page = 0;
  hasOlder = false;
  loading = false;
  filter: ContextFilter | null = null;
  i18n: I18n | null = null;
  private open = false;
  private failed = false;

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const t = messagesFor(i18n);
    const newer = this.page > 0 && !this.loading;
    const older = this.hasOlder && !this.loading;
    return html`<nav aria-label=${t.pages}>
      ${this.count ? html`<p class="small" role="status">${summary(this.count, t, i18n)}</p>` : nothing}
      <div class="pager">
        <button
          type="button"
          data-page="newer"
          aria-disabled=${String(!newer)}
          @click=${() => newer && this.dispatchEvent(new OcPageEvent(false))}
        >
          <span aria-hidden="true">←</span> ${t.newer}
        </button>
        <span class="small" aria-busy=${String(this.loading)}
          >${this.loading ? t.loading : t.page(i18n.number(this.page + 1))}</span
        >
        <button
          type="button"
          data-page="older"
          aria-disabled=${String(!older)}
          @click=${() => older && this.dispatchEvent(new OcPageEvent(true))}
        >
          ${t.older} <span aria-hidden="true">→</span>
        </button>
      </div>
      <button
        type="button"
        class="link"
        aria-expanded=${String(this.open)}
        aria-controls="filter"
        @click=${this.#toggle}
      >
        ${this.filter ? t.filterOn : t.filter}
      </button>
      ${this.failed ? html`<p class="small" role="alert">${t.filterFailed}</p>` : nothing}
      ${
        this.open
          ? html`<oc-order-filter
              id="filter"
              .filter=${this.filter}
              .i18n=${i18n}
              @oc-filter=${(event: OcFilterEvent) => this.dispatchEvent(new OcFilterEvent(event.filter))}
            ></oc-order-filter>`
          : nothing
      }
    </nav>`;
  }

  /** Where the pager's focus goes when the element is re-rendered in place: the button the agent used. */
  async focusPager(older: boolean): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-page="${older ? 'older' : 'newer'}"]`)?.focus();
  }

  readonly #toggle = async (): Promise<void> => {
    this.failed = false;
    if (this.open) {
      this.open = false;
      return;
    }
    try {
      await import('../order-filter/order-filter.js');
    } catch {
      this.failed = true;
      return;
    }
    this.open = true;
    await this.updateComplete;
    await this.renderRoot.querySelector('oc-order-filter')?.focusFirst();
  };
}

function summary(count: OrderCount, t: OrderHistoryMessages, i18n: I18n): string {
  const total = i18n.number(count.total);
  const text = count.matching === null ? t.total(total) : t.matching(i18n.number(count.matching), total);
  return count.windowDays === null ? text : text + t.inWindow(i18n.number(count.windowDays));
}

export function messagesFor(i18n: I18n): OrderHistoryMessages {
  return ORDER_HISTORY_MESSAGES[i18n.language] ?? ORDER_HISTORY_MESSAGES.en!;
}

customElements.define('oc-order-history', OcOrderHistory);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-history': OcOrderHistory;
  }
}
