import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import type {
  CustomerSearchResponse,
  LinkRequest,
  LinkResponse,
  LinkUndoResponse,
  SearchResult,
} from '../../../../shared/customers.js';
import type { BffClient } from '../../bff-client.js';
import { createClientError, isRetryable, toBffError, type BffError } from '../../bff-error.js';
import { OcLinkEvent } from '../../events/link-event.js';
import { OcLinkUndoEvent } from '../../events/link-undo-event.js';
import { OcSearchToggleEvent } from '../../events/search-toggle-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { realSleep } from '../../real-sleep.js';
import { linkTicket, searchCustomers, undoLink } from '../../search-client.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock, type Sleep } from '../../time.js';
import { loadingSkeletonStyles, renderSkeleton } from '../loading-skeleton/loading-skeleton.js';
import { CUSTOMER_SEARCH_MESSAGES, type CustomerSearchMessages } from './customer-search.messages.js';
import { customerSearchStyles } from './customer-search.styles.js';
import { describeResult } from './search-facts.js';
import '../error-panel/error-panel.js';

/** The link just stored, while it may be taken back: whom it names and until when (this page's clock). */
interface UndoableLink {
  link: LinkResponse;
  result: SearchResult;
  until: number;
}

/**
 * @summary Search the store's shoppers (name, email or a part of it, order number), look at one before linking
 *   them to the ticket, and undo the link within its minute. Needs `links:write`.
 * @event oc-link - The link is stored (bubbles, composed).
 * @event oc-link-undo - The link was taken back; `restored` is the ticket's link now, or null (bubbles, composed).
 * @event oc-search-toggle - Close pressed, or the minute to undo passed (bubbles, not composed); only when `closable`.
 */
export class OcCustomerSearch extends LitElement {
  static override styles = [baseStyles, loadingSkeletonStyles, customerSearchStyles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    i18n: { attribute: false },
    closable: { type: Boolean },
    now: { attribute: false },
    sleep: { attribute: false },
    query: { state: true },
    chosen: { state: true },
    linked: { state: true },
    undone: { state: true },
    undoError: { state: true },
  };

  client: BffClient | null = null;
  session = '';
  i18n: I18n | null = null;
  /** Shown via "Wrong shopper?" (or after a link): offers a Close button. With no match at all, search stays open. */
  closable = false;
  now: Clock = systemClock;
  /** Injected in tests; the undo countdown waits with real timers otherwise. */
  sleep: Sleep | undefined = undefined;

  private query = '';
  /** The result shown in the preview: nothing is stored until the agent confirms. */
  private chosen: SearchResult | null = null;
  private linked: UndoableLink | null = null;
  /** An undo just went through: said once, in a live region. */
  private undone = false;
  /** An undo the BFF refused for good (its minute passed, the link changed): shown with the search. */
  private undoError: BffError | null = null;
  /** The query the shown results belong to (the box may have changed since). */
  #lastQuery = '';
  #countdown: AbortController | null = null;
  /** What to focus once the next render is done (the target may not exist before). */
  #focusAfterRender: string | null = null;

  readonly #searchTask = new Task(this, {
    autoRun: false,
    task: ([query]: readonly [string], { signal }) =>
      searchCustomers(this.#requireClient(), this.session, query, signal),
  });

  readonly #linkTask = new Task(this, {
    autoRun: false,
    task: ([request]: readonly [LinkRequest], { signal }) =>
      linkTicket(this.#requireClient(), this.session, request, signal),
    onComplete: (link: LinkResponse) => this.#onLinked(link),
  });

  readonly #undoTask = new Task(this, {
    autoRun: false,
    task: ([createdAt]: readonly [string], { signal }) =>
      undoLink(this.#requireClient(), this.session, createdAt, signal),
    onComplete: (answer: LinkUndoResponse) => this.#onUndone(answer),
    onError: (error: unknown) => this.#onUndoFailed(toBffError(error)),
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#countdown?.abort();
  }

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const t = messagesFor(i18n);
    if (this.linked) return this.#renderLinked(this.linked, t, i18n);
    return html`<section class="card" aria-labelledby="search-heading">
      <div class="line">
        <h2 id="search-heading">${t.searchTitle}</h2>
        ${this.#renderClose(t)}
      </div>
      <p class="small">${t.searchHint}</p>
      <form role="search" aria-labelledby="search-heading" @submit=${this.#onSubmit}>
        <label for="query">${t.searchLabel}</label>
        <input id="query" type="search" autocomplete="off" .value=${this.query} @input=${this.#onInput} />
        <button type="submit" class="primary" ?disabled=${!this.query.trim()}>${t.search}</button>
      </form>
      ${this.undone ? html`<p role="status">${t.undone}</p>` : nothing}
      ${this.undoError ? html`<oc-error-panel .error=${this.undoError} .i18n=${i18n}></oc-error-panel>` : nothing}
      ${this.#searchTask.render({
        pending: () => renderSkeleton(t.searching, 2),
        complete: (response) =>
          this.chosen
            ? this.#renderPreview(this.chosen, response, t, i18n)
            : this.#renderResults(response, t, i18n),
        error: (error) =>
          this.#renderFailure(error, i18n, '#query', () => void this.#searchTask.run([this.#lastQuery])),
      })}
    </section>`;
  }

  protected override updated(): void {
    const target = this.#focusAfterRender;
    if (target === null) return;
    this.#focusAfterRender = null;
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  /** Opening the search puts the caret in the box. */
  async focusInput(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#query')?.focus();
  }

  /** A failed search, link or undo; Retry repeats it, and focus goes where the agent was (the panel goes away). */
  #renderFailure(error: unknown, i18n: I18n, focus: string, retry: () => void) {
    return html`<oc-error-panel
      .error=${toBffError(error)}
      .i18n=${i18n}
      @oc-retry=${() => {
        this.#focusAfterRender = focus;
        retry();
      }}
    ></oc-error-panel>`;
  }

  #renderClose(t: CustomerSearchMessages) {
    return this.closable
      ? html`<button type="button" class="link" @click=${this.#onClose}>${t.closeSearch}</button>`
      : nothing;
  }

  #renderResults(response: CustomerSearchResponse, t: CustomerSearchMessages, i18n: I18n) {
    const { results } = response;
    const live = response.source === 'live' ? html`<p class="small">${t.liveHint}</p>` : nothing;
    if (!results.length)
      return html`<p role="status">${t.noResults(this.#lastQuery)}</p>
        ${live}`;
    return html`<p role="status" class="small">${t.results(i18n.number(results.length))}</p>
      ${response.truncated ? html`<p class="small">${t.truncated}</p>` : nothing} ${live}
      <ul class="list" aria-label=${t.searchTitle}>
        ${results.map((result) => {
          const facts = describeResult(result, response, i18n, t);
          const last = result.lastOrder
            ? ` · ${t.lastOrder(String(result.lastOrder.id), i18n.date(result.lastOrder.dateCreated))}`
            : '';
          return html`<li>
            <span class="line"
              ><span class="name">${facts.name}</span><span class="tag">${facts.account}</span></span
            >
            <span class="small">${result.email}</span>
            ${facts.place ? html`<span class="small">${facts.place}</span>` : nothing}
            ${facts.order ? html`<span class="small">${facts.order}</span>` : nothing}
            <span class="small">${facts.orders}${last}</span>
            <button type="button" data-key=${keyOf(result)} @click=${() => this.#choose(result)}>
              ${t.choose}<span class="sr-only">: ${facts.name}, ${facts.place ?? result.email}</span>
            </button>
          </li>`;
        })}
      </ul>`;
  }

  #renderPreview(
    result: SearchResult,
    response: CustomerSearchResponse,
    t: CustomerSearchMessages,
    i18n: I18n,
  ) {
    const facts = describeResult(result, response, i18n, t);
    const linking = this.#linkTask.status === TaskStatus.PENDING;
    return html`<section class="preview" aria-labelledby="preview-heading" @keydown=${this.#onPreviewKeydown}>
      <h3 id="preview-heading">${t.previewTitle(facts.name)}</h3>
      ${facts.order ? html`<p class="small">${facts.order}</p>` : nothing}
      <dl class="kv" id="preview-facts">
        <dt>${t.email}</dt>
        <dd>${result.email}</dd>
        <dt>${t.place}</dt>
        <dd>${facts.place ?? '–'}</dd>
        <dt>${t.ordersLabel}</dt>
        <dd>${facts.orders}</dd>
        <dt>${t.lastOrderLabel}</dt>
        <dd>${facts.lastOrder ?? '–'}</dd>
        <dt>${t.accountLabel}</dt>
        <dd>${facts.account}</dd>
      </dl>
      <p class="actions">
        <button
          type="button"
          class="primary confirm"
          aria-describedby="preview-facts"
          aria-disabled=${linking ? 'true' : 'false'}
          @click=${() => this.#confirm(result)}
        >
          ${linking ? t.linking : t.confirm}
        </button>
        <button
          type="button"
          class="cancel"
          aria-disabled=${linking ? 'true' : 'false'}
          @click=${this.#cancel}
        >
          ${t.cancel}
        </button>
      </p>
      ${this.#linkTask.render({
        error: (error) => this.#renderFailure(error, i18n, '.confirm', () => this.#confirm(result)),
      })}
    </section>`;
  }

  /**
   * The link just made, and its Undo. The seconds left are seen, not read out (aria-hidden): a live count would speak
   * every second, so Undo is described by the time it is possible until, said once.
   */
  #renderLinked(linked: UndoableLink, t: CustomerSearchMessages, i18n: I18n) {
    const facts = describeResult(linked.result, { windowDays: null }, i18n, t);
    const undoing = this.#undoTask.status === TaskStatus.PENDING;
    const left = Math.max(0, Math.ceil((linked.until - this.now()) / 1000));
    const until = new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'medium' }).format(linked.until);
    return html`<section class="card linked" aria-labelledby="linked-heading">
      <div class="line">
        <h2 id="linked-heading">${t.linked(facts.name)}</h2>
        ${this.#renderClose(t)}
      </div>
      <p class="small">${[facts.account, linked.result.email, facts.place].filter(Boolean).join(' · ')}</p>
      <p class="actions">
        <button
          type="button"
          class="primary undo"
          aria-describedby="undo-until"
          aria-disabled=${undoing ? 'true' : 'false'}
          @click=${this.#onUndo}
        >
          ${undoing ? t.undoing : t.undo}<span class="sr-only">: ${t.linked(facts.name)}</span>
        </button>
        <span id="undo-until" class="small">${t.undoUntil(until)}</span>
        <span class="small countdown" aria-hidden="true">${t.secondsLeft(i18n.number(left))}</span>
      </p>
      ${this.#undoTask.render({
        error: (error) => this.#renderFailure(error, i18n, '.undo', this.#onUndo),
      })}
    </section>`;
  }

  #choose(result: SearchResult): void {
    this.chosen = result;
    this.#focusAfterRender = '.confirm';
  }

  // Not while the link is being stored: it may land whatever the page does, and then it must be undoable.
  readonly #cancel = (): void => {
    const chosen = this.chosen;
    if (!chosen || this.#linkTask.status === TaskStatus.PENDING) return;
    this.chosen = null;
    this.#focusAfterRender = `button[data-key="${CSS.escape(keyOf(chosen))}"]`;
  };

  readonly #onPreviewKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#cancel();
  };

  // Confirm is aria-disabled while the link is stored (focus stays on it); a guest links by one of their orders.
  #confirm(result: SearchResult): void {
    if (this.#linkTask.status === TaskStatus.PENDING) return;
    const order = result.order ?? result.lastOrder;
    const request: LinkRequest | null =
      result.customerId !== null ? { customerId: result.customerId } : order ? { orderId: order.id } : null;
    if (request) void this.#linkTask.run([request]);
  }

  #onLinked(link: LinkResponse): void {
    const result = this.chosen;
    if (!result) return;
    this.chosen = null;
    this.undone = false;
    this.undoError = null;
    // The window as the BFF counts it, on this page's clock: no trust in the two clocks agreeing.
    const minute = link.undoUntil ? Date.parse(link.undoUntil) - Date.parse(link.createdAt) : 0;
    this.linked = { link, result, until: this.now() + minute };
    this.#focusAfterRender = '.undo';
    this.dispatchEvent(new OcLinkEvent(link));
    void this.#countDown(this.linked.until);
  }

  readonly #onUndo = (): void => {
    if (!this.linked || this.#undoTask.status === TaskStatus.PENDING) return;
    void this.#undoTask.run([this.linked.link.createdAt]);
  };

  #onUndone(answer: LinkUndoResponse): void {
    this.#countdown?.abort();
    this.linked = null;
    this.undone = true;
    this.#focusAfterRender = '#query';
    this.dispatchEvent(new OcLinkUndoEvent(answer.link));
  }

  /** Retrying may help (the network): the banner stays with a Retry. Else the undo is over: say why, with the search. */
  #onUndoFailed(error: BffError): void {
    if (isRetryable(error.code)) return;
    this.#countdown?.abort();
    this.linked = null;
    this.undoError = error;
    void this.updateComplete.then(() => this.renderRoot.querySelector('oc-error-panel')?.focusRetry());
  }

  /** Ticks once a second until the minute is over; then the banner goes, and with it the search when closable. */
  async #countDown(until: number): Promise<void> {
    this.#countdown?.abort();
    const controller = new AbortController();
    this.#countdown = controller;
    const sleep = this.sleep ?? realSleep;
    try {
      while (this.now() < until) {
        await sleep(Math.min(1_000, until - this.now()), controller.signal);
        this.requestUpdate();
      }
    } catch {
      return; // Undone, refused or closed meanwhile.
    }
    const hadFocus = this.shadowRoot?.activeElement != null;
    this.linked = null;
    if (hadFocus) this.#focusAfterRender = '#query';
    if (this.closable) this.dispatchEvent(new OcSearchToggleEvent(false));
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
    this.chosen = null;
    this.undone = false;
    this.undoError = null;
    void this.#searchTask.run([query]);
  };

  readonly #onClose = (): void => {
    this.#countdown?.abort();
    this.dispatchEvent(new OcSearchToggleEvent(false));
  };
}

/** One result's key among the others: a shopper by id, a guest by email. */
function keyOf(result: SearchResult): string {
  return result.customerId === null ? `guest:${result.email}` : `id:${result.customerId}`;
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
