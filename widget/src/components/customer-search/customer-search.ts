import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type { Customer } from '../../../../shared/context.js';
import type { LinkRequest, LinkResponse } from '../../../../shared/customers.js';
import type { BffClient } from '../../bff-client.js';
import { createClientError, toBffError } from '../../bff-error.js';
import { OcLinkEvent } from '../../events/link-event.js';
import { OcSearchToggleEvent } from '../../events/search-toggle-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { CUSTOMER_SEARCH_MESSAGES, type CustomerSearchMessages } from './customer-search.messages.js';
import { loadingSkeletonStyles, renderSkeleton } from '../loading-skeleton/loading-skeleton.js';
import { customerSearchStyles } from './customer-search.styles.js';
import '../error-panel/error-panel.js';

/** "#1234" or "1234": the agent may have an order number from the shopper's mail. */
const ORDER_NUMBER = /^#?(\d{1,12})$/;

/**
 * @summary Search the store's shoppers and link the right one (or an order) to the ticket. Needs `links:write`.
 * @event oc-link - The link is stored (bubbles, composed).
 * @event oc-search-toggle - Close pressed (bubbles, not composed); only when `closable`.
 */
export class OcCustomerSearch extends LitElement {
  static override styles = [baseStyles, loadingSkeletonStyles, customerSearchStyles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    i18n: { attribute: false },
    closable: { type: Boolean },
    query: { state: true },
    linking: { state: true },
  };

  client: BffClient | null = null;
  session = '';
  i18n: I18n | null = null;
  /** Shown via "Wrong shopper?": offers a Close button. With no match at all, search stays open. */
  closable = false;

  private query = '';
  /** What the last link attempt was for, so the right button says "Linking…" and Retry repeats it. */
  private linking: LinkRequest | null = null;
  /** The query the shown results belong to (the box may have changed since). */
  #lastQuery = '';

  readonly #searchTask = new Task(this, {
    autoRun: false,
    task: ([query]: readonly [string], { signal }) =>
      this.#requireClient().searchCustomers(this.session, query, signal),
  });

  readonly #linkTask = new Task(this, {
    autoRun: false,
    task: ([request]: readonly [LinkRequest], { signal }) =>
      this.#requireClient().link(this.session, request, signal),
    onComplete: (link: LinkResponse) => this.dispatchEvent(new OcLinkEvent(link)),
  });

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const t = messagesFor(i18n);
    const orderNumber = ORDER_NUMBER.exec(this.query.trim())?.[1];
    return html`<section class="card" aria-labelledby="search-heading">
      <div class="line">
        <h2 id="search-heading">${t.searchTitle}</h2>
        ${
          this.closable
            ? html`<button type="button" class="link" @click=${this.#onClose}>${t.closeSearch}</button>`
            : nothing
        }
      </div>
      <p class="small">${t.searchHint}</p>
      <form role="search" aria-labelledby="search-heading" @submit=${this.#onSubmit}>
        <label for="query">${t.searchLabel}</label>
        <input id="query" type="search" autocomplete="off" .value=${this.query} @input=${this.#onInput} />
        <button type="submit" class="primary" ?disabled=${!this.query.trim()}>${t.search}</button>
      </form>
      ${
        orderNumber
          ? html`<p>
              <button
                type="button"
                aria-disabled=${this.#isLinking() ? 'true' : 'false'}
                @click=${() => this.#link({ orderId: Number(orderNumber) })}
              >
                ${t.linkOrder(orderNumber)}
              </button>
            </p>`
          : nothing
      }
      ${this.#searchTask.render({
        pending: () => renderSkeleton(t.searching, 2),
        complete: (result) => this.#renderResults(result.customers, i18n),
        error: (error) =>
          html`<oc-error-panel
            .error=${toBffError(error)}
            .i18n=${i18n}
            @oc-retry=${() => {
              void this.#searchTask.run([this.#lastQuery]);
              this.#focusInputAfterRetry();
            }}
          ></oc-error-panel>`,
      })}
      ${this.#linkTask.render({
        error: (error) =>
          html`<oc-error-panel
            .error=${toBffError(error)}
            .i18n=${i18n}
            @oc-retry=${() => {
              if (this.linking) this.#link(this.linking);
              this.#focusInputAfterRetry();
            }}
          ></oc-error-panel>`,
      })}
    </section>`;
  }

  /** Opening the search puts the caret in the box. */
  async focusInput(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#query')?.focus();
  }

  #renderResults(customers: readonly Customer[], i18n: I18n) {
    const t = messagesFor(i18n);
    if (!customers.length) return html`<p role="status">${t.noResults(this.#lastQuery)}</p>`;
    return html`<ul class="list" aria-label=${t.searchTitle}>
      ${customers.map((customer) => {
        const name = `${customer.firstName} ${customer.lastName}`.trim() || customer.email;
        const busy =
          this.#isLinking() &&
          this.linking !== null &&
          'customerId' in this.linking &&
          this.linking.customerId === customer.id;
        return html`<li>
          <span class="name">${name}</span>
          <span class="small">${customer.email}</span>
          <span class="small"
            >${t.customerNumber(String(customer.id))}${customer.company ? ` · ${customer.company}` : ''}</span
          >
          <button
            type="button"
            aria-disabled=${this.#isLinking() ? 'true' : 'false'}
            @click=${() => this.#link({ customerId: customer.id })}
          >
            ${busy ? t.linking : t.linkToTicket}<span class="sr-only">: ${name}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  /** Retry's panel goes away with its focus: back to the search box, never the page body. */
  #focusInputAfterRetry(): void {
    void this.focusInput();
  }

  #isLinking(): boolean {
    return this.#linkTask.status === TaskStatus.PENDING;
  }

  #requireClient(): BffClient {
    if (!this.client) throw createClientError('internal_error', 'No BFF client.');
    return this.client;
  }

  readonly #onInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const query = this.query.trim();
    if (!query) return;
    this.#lastQuery = query;
    void this.#searchTask.run([query]);
  };

  // Link buttons are aria-disabled while one link is stored (focus stays on the button pressed).
  #link(request: LinkRequest): void {
    if (this.#isLinking()) return;
    this.linking = request;
    void this.#linkTask.run([request]);
  }

  readonly #onClose = (): void => {
    this.dispatchEvent(new OcSearchToggleEvent(false));
  };
}

function messagesFor(i18n: I18n): CustomerSearchMessages {
  return CUSTOMER_SEARCH_MESSAGES[i18n.language] ?? CUSTOMER_SEARCH_MESSAGES.en!;
}

customElements.define('oc-customer-search', OcCustomerSearch);

declare global {
  interface HTMLElementTagNameMap {
    'oc-customer-search': OcCustomerSearch;
  }
}
