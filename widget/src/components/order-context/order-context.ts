import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ContextFilter, ContextResponse, OrderSummary } from '../../../../shared/context.js';
import type { OrderDetail } from '../../../../shared/order.js';
import type { SessionResponse } from '../../../../shared/session.js';
import { createBffClient, type BffClient } from '../../bff-client.js';
import { createClientError, toBffError } from '../../bff-error.js';
import { OcBackEvent } from '../../events/back-event.js';
import type { OcFilterEvent } from '../../events/filter-event.js';
import type { OcOrderSelectEvent } from '../../events/order-select-event.js';
import type { OcSearchToggleEvent } from '../../events/search-toggle-event.js';
import type { OcStatusCloseEvent } from '../../events/status-close-event.js';
import { loadI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock, type Sleep } from '../../time.js';
import { takeTokenFromWidgetPage } from '../../widget-page.js';
import { loadingSkeletonStyles, renderSkeleton } from '../loading-skeleton/loading-skeleton.js';
import { orderContextStyles } from './order-context.styles.js';
import '../customer-card/customer-card.js';
import '../error-panel/error-panel.js';
import '../freshness-label/freshness-label.js';
import '../order-detail/order-detail.js';
import '../order-list/order-list.js';

/**
 * The BFF that served this bundle. Inside an iAGENT JSF page the script comes from our origin while the page
 * is the desk's, so `location.origin` would be wrong.
 */
const BUNDLE_ORIGIN = new URL(import.meta.url).origin;

/**
 * Parts only some agents need, loaded when first shown (chunks of their own, outside the size budget of a list
 * and one order): the shopper search (`links:write`, no match or "Wrong shopper?"), the note composer
 * (`notes:write`, once the agent asks to write: until then a button stands in for it), the status change
 * (`orders:write` in a market that allows changes: its button and dialog, with the first order opened), a
 * long list's count, pager and filter (a shopper with more than one page of orders, or a filter applied) and
 * what changed since the ticket was opened (only when something did) and an order's refunds (only when it has any).
 */
const PARTS = {
  search: () => import('../customer-search/customer-search.js'),
  composer: () => import('../note-composer/note-composer.js'),
  status: () => import('../status-change/status-change.js'),
  history: () => import('../order-history/order-history.js'),
  since: () => import('../since-ticket/since-ticket.js'),
  refunds: () => import('../order-refunds/order-refunds.js'),
};
type Part = keyof typeof PARTS;

/** Shown when not even a language table could be loaded: the network is gone, so no words of ours arrive. */
const OFFLINE_TEXT = 'Order context could not be loaded. Check the connection and reopen the ticket.';

/**
 * @summary The ticket sidebar: opens a session from the embed token, shows the shopper and their orders,
 *   and an order's detail with the note composer.
 * @event oc-back - The agent left the order detail (bubbles, composed).
 * @event oc-order-select - From the order list: the agent opened an order (composed, so it leaves this element).
 * @event oc-refresh - From a freshness label: the agent asked for fresh data (composed).
 * @event oc-link - From the shopper search: a link to the ticket is stored (composed).
 * @event oc-note-written - From the note composer: the note is in BigCommerce (composed).
 * @cssproperty --oc-font-family, --oc-font-size, --oc-color-bg, --oc-color-surface, --oc-color-text,
 *   --oc-color-muted, --oc-color-border, --oc-color-accent, --oc-color-accent-text, --oc-color-focus,
 *   --oc-color-danger, --oc-color-danger-bg, --oc-color-warning, --oc-color-warning-bg, --oc-color-success,
 *   --oc-radius, --oc-space, --oc-max-width, --oc-status-<family>-color, --oc-status-<family>-bg
 */
export class OcOrderContext extends LitElement {
  static override styles = [baseStyles, loadingSkeletonStyles, orderContextStyles];
  static override properties = {
    token: {},
    apiBase: { attribute: 'api-base' },
    client: { attribute: false },
    now: { attribute: false },
    sleep: { attribute: false },
    i18n: { state: true },
    session: { state: true },
    context: { state: true },
    orders: { state: true },
    nextCursor: { state: true },
    filter: { state: true },
    contextReceivedAt: { state: true },
    selectedOrderId: { state: true },
    order: { state: true },
    orderReceivedAt: { state: true },
    searchOpen: { state: true },
    partFailed: { state: true },
    composing: { state: true },
    offline: { state: true },
    ticketOrderMissing: { state: true },
  };

  /**
   * The signed embed token. Absent on the widget's own `/widget/` page: taken from its `?token=` (and removed
   * from the address bar). As a custom element in a desk page, only this property/attribute counts.
   */
  token = '';
  apiBase = BUNDLE_ORIGIN;
  /** Injected in tests; otherwise built from `api-base`. */
  client: BffClient | null = null;
  now: Clock = systemClock;
  /** Injected in tests; the note composer waits with real timers otherwise. */
  sleep: Sleep | undefined = undefined;

  /** Null until a language table has arrived: the session's, or the page's when there is no session. */
  private i18n: I18n | null = null;
  /** Not even a language table could be loaded: the service is out of reach. */
  private offline = false;
  private session: SessionResponse | null = null;
  private context: ContextResponse | null = null;
  private orders: OrderSummary[] = [];
  private nextCursor: string | null = null;
  /** The agent's order filter: every page of the list is read with it. */
  private filter: ContextFilter | null = null;
  /** The cursors the pages before the one shown were left with: the list is paged in place, not appended. */
  #cursors: string[] = [];
  private contextReceivedAt = 0;
  private selectedOrderId: number | null = null;
  private order: OrderDetail | null = null;
  private orderReceivedAt = 0;
  private searchOpen = false;
  /** A part's chunk did not load: say so, with a Retry. */
  private partFailed: Part | null = null;
  /** The agent asked to write a note: from then on the composer is shown (its chunk is loaded). */
  private composing = false;
  /** The ticket's order (session `order`) is not the shopper's: the list says so, nothing more. */
  private ticketOrderMissing = false;

  #ownClient: BffClient | null = null;
  /** Tokens are single use: never open a session twice for the same one. */
  #openedToken: string | null = null;
  #parts = new Set<Part>();
  #listScrollY = 0;
  /** Focus moves that must wait for the next render (the target does not exist yet). */
  #afterRender: (() => void | Promise<void>) | null = null;
  #focusHeadingOnLoad = false;
  /** Retry was pressed: its panel goes away, so focus must land somewhere sensible once the view is back. */
  #refocus = false;

  readonly #sessionTask = new Task(this, {
    autoRun: false,
    task: ([token]: readonly [string], { signal }) => {
      if (!token) throw createClientError('token_missing', 'No embed token.');
      return this.#bff.openSession(token, signal);
    },
    onComplete: (session) => {
      this.session = session;
      // The session's language loads while the context does: one language table, no extra round trip.
      void this.#useLanguage(session.locale);
      void this.#contextTask.run([false]);
      // The ticket names its order: open it at once, alongside the list (the BFF checks it is the shopper's).
      // Focus stays where the agent has it: the desk, not a sidebar that just opened.
      if (session.order) this.#open(session.order, false);
    },
    // No session, so no language of its own: say what went wrong in the page's.
    onError: () => void this.#useLanguage(this.lang || document.documentElement.lang || navigator.language),
  });

  readonly #contextTask = new Task(this, {
    autoRun: false,
    task: ([refresh]: readonly [boolean], { signal }) => {
      this.#moreTask.abort();
      return this.#bff.getContext(this.#sessionId, { refresh, filter: this.filter }, signal);
    },
    onComplete: (context) => {
      this.context = context;
      this.#cursors = [];
      this.#showPage(context);
      this.contextReceivedAt = this.now();
    },
  });

  readonly #moreTask = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string], { signal }) =>
      this.#bff.getContext(this.#sessionId, { cursor, filter: this.filter }, signal),
    onComplete: (page) => {
      this.#showPage(page);
      // The agent asked for another page: focus goes to its first order (never the page body).
      this.#focusFirstOrder();
    },
  });

  readonly #orderTask = new Task(this, {
    autoRun: false,
    task: ([orderId, refresh]: readonly [number, boolean], { signal }) =>
      this.#bff.getOrder(this.#sessionId, orderId, { refresh }, signal),
    onComplete: (order) => {
      this.order = order;
      this.orderReceivedAt = this.now();
      // The list shows what the detail just learned (a status changed from here or elsewhere).
      this.orders = this.orders.map((row) => (row.id === order.id ? { ...row, status: order.status } : row));
      if (this.#focusHeadingOnLoad) {
        this.#focusHeadingOnLoad = false;
        this.#afterRender = () => this.#focusOrderHeadingIfOnBack();
      }
    },
    onError: (error) => {
      // 404 alike for "no such order" and "someone else's" (DESIGN §5): back to the list, which says only that.
      if (this.selectedOrderId === this.session?.order && toBffError(error).code === 'order_not_found') {
        this.ticketOrderMissing = true;
        this.selectedOrderId = null;
      }
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token && !this.hasAttribute('token')) this.token = takeTokenFromWidgetPage() ?? '';
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase') || changed.has('client')) this.#ownClient = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token !== this.#openedToken) this.#openSession();
    const next = this.#afterRender;
    this.#afterRender = null;
    if (next) {
      // A planned focus move (the order loaded, the first new row) is where focus belongs after a Retry too.
      this.#refocus = false;
      void next();
    } else if (this.#refocus) void this.#restoreFocus();
  }

  protected override firstUpdated(): void {
    // No token at all: say so (the `updated` hook only reacts to a token that is set).
    if (!this.token) void this.#sessionTask.run(['']);
  }

  override render() {
    const { i18n } = this;
    if (!i18n) {
      // Before the session names a language there are no words to say anything in: lines only, in place.
      return html`<div class="widget">
        ${this.offline ? html`<p class="card" role="alert">${OFFLINE_TEXT}</p>` : renderSkeleton('', 4)}
      </div>`;
    }
    const { t } = i18n;
    const sandbox = this.session?.sandbox === true || this.context?.sandbox === true;
    return html`<div class="widget" role="region" aria-label=${t.widgetLabel} lang=${i18n.language}>
      ${sandbox ? html`<p class="card warn"><strong>${t.sandbox}</strong> · ${t.sandboxHint}</p>` : nothing}
      ${this.#sessionTask.render({
        initial: () => renderSkeleton(t.openingSession, 4),
        pending: () => renderSkeleton(t.openingSession, 4),
        error: (error) => this.#renderError(error, () => this.#openSession(true)),
        complete: () =>
          this.selectedOrderId === null
            ? this.#renderList(i18n)
            : this.#renderDetail(i18n, this.selectedOrderId),
      })}
    </div>`;
  }

  #renderList(i18n: I18n): unknown {
    const { context } = this;
    if (!context) {
      return this.#contextTask.render({
        initial: () => renderSkeleton(i18n.t.loadingContext, 6),
        pending: () => renderSkeleton(i18n.t.loadingContext, 6),
        error: (error) => this.#renderError(error, () => void this.#contextTask.run([false])),
        complete: () => nothing,
      });
    }
    const canLink = this.session?.scopes.includes('links:write') === true;
    const noMatch = context.customer === null && context.match.method === 'none';
    const searching = canLink && (noMatch || this.searchOpen);
    return html`${
        this.#contextTask.status === TaskStatus.ERROR
          ? this.#renderError(this.#contextTask.error, () => void this.#contextTask.run([true]))
          : nothing
      }
      <oc-freshness-label
        .freshness=${context.freshness}
        .receivedAt=${this.contextReceivedAt}
        .refreshing=${this.#contextTask.status === TaskStatus.PENDING}
        .i18n=${i18n}
        .now=${this.now}
        @oc-refresh=${() => void this.#contextTask.run([true])}
      ></oc-freshness-label>
      <oc-customer-card
        .context=${context}
        .i18n=${i18n}
        ?can-link=${canLink && !noMatch && !this.searchOpen}
        @oc-search-toggle=${this.#onSearchToggle}
      ></oc-customer-card>
      ${
        searching
          ? this.#renderPart(
              'search',
              html`<oc-customer-search
                .client=${this.#bff}
                .session=${this.#sessionId}
                .i18n=${i18n}
                ?closable=${!noMatch}
                @oc-search-toggle=${this.#onSearchToggle}
                @oc-link=${this.#onLinked}
                @oc-link-undo=${this.#onLinked}
              ></oc-customer-search>`,
            )
          : nothing
      }
      ${
        this.ticketOrderMissing
          ? html`<p class="card" role="status">${i18n.t.ticketOrderMissing(String(this.session?.order))}</p>`
          : nothing
      }
      ${
        noMatch && this.orders.length === 0
          ? nothing
          : html`<oc-order-list
              .orders=${this.orders}
              .i18n=${i18n}
              .now=${this.now}
              .ticketOrder=${this.session?.order}
              .changed=${context.changedSinceTicket ?? []}
              @oc-order-select=${this.#onOrderSelect}
            >
              ${
                // The pager's chunk only for a list known to be longer than a page (or paged, or filtered); a list
                // that may merely continue (past the index's window) gets a plain button that pages on.
                this.#cursors.length > 0 || this.filter || (context.count?.total ?? 0) > this.orders.length
                  ? this.#renderPart(
                      'history',
                      html`<oc-order-history
                        .count=${context.count ?? null}
                        .page=${this.#cursors.length}
                        ?has-older=${this.nextCursor !== null}
                        ?loading=${this.#moreTask.status === TaskStatus.PENDING || this.#contextTask.status === TaskStatus.PENDING}
                        .filter=${this.filter}
                        .i18n=${i18n}
                        @oc-page=${(event: { older: boolean }) => this.#page(event.older)}
                        @oc-filter=${this.#onFilter}
                      ></oc-order-history>`,
                    )
                  : this.nextCursor !== null
                    ? html`<button type="button" class="more" @click=${() => this.#page(true)}>
                        ${i18n.t.olderOrders}
                      </button>`
                    : nothing
              }
            </oc-order-list>`
      }
      ${
        this.#moreTask.status === TaskStatus.ERROR
          ? this.#renderError(this.#moreTask.error, () => void this.#moreTask.run())
          : nothing
      }`;
  }

  #renderDetail(i18n: I18n, orderId: number): TemplateResult {
    const { t } = i18n;
    const order = this.order?.id === orderId ? this.order : null;
    const pending = this.#orderTask.status === TaskStatus.PENDING;
    const canNote = this.session?.scopes.includes('notes:write') === true;
    return html`<div class="detail">
      <button type="button" class="back" @click=${this.#onBack}>
        <span aria-hidden="true">←</span> ${t.back}
      </button>
      ${
        order
          ? html`<oc-freshness-label
              .freshness=${order.freshness}
              .receivedAt=${this.orderReceivedAt}
              .refreshing=${pending}
              .i18n=${i18n}
              .now=${this.now}
              @oc-refresh=${() => void this.#orderTask.run([orderId, true])}
            ></oc-freshness-label>`
          : nothing
      }
      ${
        this.#orderTask.status === TaskStatus.ERROR
          ? this.#renderError(
              this.#orderTask.error,
              () => void this.#orderTask.run([orderId, order !== null]),
            )
          : nothing
      }
      ${
        order
          ? html`<oc-order-detail
              .order=${order}
              .i18n=${i18n}
              .now=${this.now}
              ?can-note=${canNote}
              aria-busy=${pending ? 'true' : 'false'}
              @oc-compose=${this.#onCompose}
            >
              ${
                this.session?.statusChanges?.length
                  ? this.#renderPart(
                      'status',
                      html`<oc-status-change
                        slot="actions"
                        .client=${this.#bff}
                        .session=${this.session}
                        .order=${order}
                        .i18n=${i18n}
                        @oc-status-close=${(event: OcStatusCloseEvent) =>
                          // Its status changed: reload the order, then focus it (the button may be gone).
                          event.stale &&
                          this.#orderTask
                            .run([orderId, true])
                            .then(() => this.renderRoot.querySelector('oc-order-detail')?.focusHeading())}
                      ></oc-status-change>`,
                    )
                  : nothing
              }
              ${
                order.refunds.length
                  ? this.#renderPart(
                      'refunds',
                      html`<oc-order-refunds
                        slot="refunds"
                        .refunds=${order.refunds}
                        .i18n=${i18n}
                        .now=${this.now}
                      ></oc-order-refunds>`,
                    )
                  : nothing
              }
              ${
                order.sinceTicket?.length
                  ? this.#renderPart(
                      'since',
                      html`<oc-since-ticket
                        slot="since"
                        .entries=${order.sinceTicket}
                        .i18n=${i18n}
                        .now=${this.now}
                      ></oc-since-ticket>`,
                    )
                  : nothing
              }
              ${
                canNote && !this.composing
                  ? html`<button type="button" slot="composer" class="compose" @click=${this.#onCompose}>
                      ${t.writeNote}…
                    </button>`
                  : nothing
              }
              ${
                canNote && this.composing
                  ? this.#renderPart(
                      'composer',
                      html`<oc-note-composer
                        slot="composer"
                        .client=${this.#bff}
                        .session=${this.#sessionId}
                        .orderId=${orderId}
                        .i18n=${i18n}
                        .sleep=${this.sleep}
                        @oc-note-written=${() => void this.#orderTask.run([orderId, true])}
                      ></oc-note-composer>`,
                    )
                  : nothing
              }
            </oc-order-detail>`
          : pending
            ? renderSkeleton(t.loadingOrder, 8)
            : nothing
      }
    </div>`;
  }

  /** A lazily loaded part: its element (upgraded when its chunk arrives), or an error with Retry. */
  #renderPart(part: Part, element: TemplateResult): TemplateResult {
    if (this.partFailed === part) {
      return this.#renderError(createClientError('network_error', `The ${part} did not load.`), () => {
        this.partFailed = null;
        this.#parts.delete(part);
      });
    }
    if (!this.#parts.has(part)) {
      this.#parts.add(part);
      PARTS[part]().catch(() => (this.partFailed = part));
    }
    return element;
  }

  #renderError(error: unknown, retry: () => void): TemplateResult {
    return html`<oc-error-panel
      .error=${toBffError(error)}
      .i18n=${this.i18n}
      @oc-retry=${() => {
        this.#refocus = true;
        retry();
      }}
    ></oc-error-panel>`;
  }

  get #bff(): BffClient {
    return this.client ?? (this.#ownClient ??= createBffClient({ baseUrl: this.apiBase }));
  }

  get #sessionId(): string {
    return this.session?.session ?? '';
  }

  async #useLanguage(locale: string): Promise<void> {
    try {
      this.i18n = await loadI18n(locale);
    } catch {
      // A language we had keeps serving (numbers and dates still in the right locale are not worth a blank).
      this.offline = !this.i18n;
    }
  }

  #openSession(retry = false): void {
    if (!this.token || (!retry && this.token === this.#openedToken)) return;
    this.#openedToken = this.token;
    void this.#sessionTask.run([this.token]);
  }

  /**
   * After a Retry, once nothing is loading: if focus went down with the error panel, put it on the view's
   * heading (or on the new panel's Retry when it failed again), never on the page body.
   */
  async #restoreFocus(): Promise<void> {
    const busy = [this.#sessionTask, this.#contextTask, this.#orderTask, this.#moreTask].some(
      (task) => task.status === TaskStatus.PENDING,
    );
    if (busy) return;
    this.#refocus = false;
    // Focus still with us, or the agent has moved on into the desk page: nothing to restore.
    const active = document.activeElement;
    if (this.shadowRoot?.activeElement || (active && active !== document.body && active !== this)) return;
    const root = this.renderRoot;
    const panel = root.querySelector('oc-error-panel');
    if (panel) return panel.focusRetry();
    const detail = root.querySelector('oc-order-detail');
    if (detail) return detail.focusHeading();
    const card = root.querySelector('oc-customer-card');
    await card?.updateComplete;
    card?.focusHeading();
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (this.selectedOrderId === null || event.ctrlKey || event.metaKey || event.altKey) return;
    // Keys typed into the note box or the search are text, not commands.
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLTextAreaElement || origin instanceof HTMLInputElement) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#onBack();
    } else if (event.key === 'n' || event.key === 'N') {
      // "Write a note" with one key, documented in the README and shown beside the header's link.
      if (this.session?.scopes.includes('notes:write') && this.order?.id === this.selectedOrderId) {
        event.preventDefault();
        this.#onCompose();
      }
    }
  };

  readonly #onCompose = (): void => {
    this.composing = true;
    this.#afterRender = async () => {
      await customElements.whenDefined('oc-note-composer');
      await this.renderRoot.querySelector('oc-note-composer')?.focusInput();
    };
    this.requestUpdate();
  };

  readonly #onOrderSelect = (event: OcOrderSelectEvent): void => this.#open(event.orderId, true);

  /** Shows an order's detail; `byAgent`: the agent chose it, so focus follows (Back, then the heading). */
  #open(orderId: number, byAgent: boolean): void {
    this.#listScrollY = window.scrollY;
    this.selectedOrderId = orderId;
    this.#focusHeadingOnLoad = byAgent;
    // Focusing Back scrolls the top of the detail into view; no window.scrollTo, which would jump a host desk page.
    if (byAgent) this.#afterRender = () => this.renderRoot.querySelector<HTMLElement>('.back')?.focus();
    void this.#orderTask.run([orderId, false]);
  }

  readonly #onBack = (): void => {
    const orderId = this.selectedOrderId;
    if (orderId === null) return;
    this.dispatchEvent(new OcBackEvent());
    this.#orderTask.abort();
    this.#focusHeadingOnLoad = false;
    this.selectedOrderId = null;
    const scrollY = this.#listScrollY;
    this.#afterRender = async () => {
      window.scrollTo(0, scrollY);
      await this.renderRoot.querySelector('oc-order-list')?.focusOrder(orderId);
    };
  };

  #showPage(page: ContextResponse): void {
    this.orders = page.orders;
    this.nextCursor = page.nextCursor;
  }

  #focusFirstOrder(): void {
    const first = this.orders[0]?.id ?? 0;
    this.#afterRender = () => this.renderRoot.querySelector('oc-order-list')?.focusOrder(first);
    this.requestUpdate();
  }

  /** Older: the next cursor; newer: the cursor the previous page was read with ('' is the first page). */
  #page(older: boolean): void {
    if (older && this.nextCursor !== null) this.#cursors.push(this.nextCursor);
    else if (!older) this.#cursors.pop();
    void this.#moreTask.run([this.#cursors.at(-1) ?? '']);
  }

  /** A filter applied or cleared: the list starts over with it (its count too); focus on its first order. */
  readonly #onFilter = (event: OcFilterEvent): void => {
    this.filter = event.filter;
    void this.#contextTask.run([false]).then(() => this.#focusFirstOrder());
  };

  readonly #onSearchToggle = (event: OcSearchToggleEvent): void => {
    this.searchOpen = event.open;
    this.#afterRender = event.open
      ? async () => {
          await customElements.whenDefined('oc-customer-search');
          await this.renderRoot.querySelector('oc-customer-search')?.focusInput();
        }
      : // Closed from inside (Close, or the minute to undo a link ran out on its button): focus stays near.
        this.shadowRoot?.activeElement?.localName === 'oc-customer-search'
        ? async () => {
            const card = this.renderRoot.querySelector('oc-customer-card');
            await card?.updateComplete;
            card?.focusWrongShopper();
          }
        : null;
  };

  /** Linked, or the link undone: the view follows the ticket's link; the search stays for its undo (it has focus). */
  readonly #onLinked = (): void => {
    this.searchOpen = true;
    void this.#contextTask.run([true]);
  };

  async #focusOrderHeadingIfOnBack(): Promise<void> {
    const detail = this.renderRoot.querySelector('oc-order-detail');
    const onBack = this.shadowRoot?.activeElement?.classList.contains('back') === true;
    if (detail && onBack) await detail.focusHeading();
  }
}

customElements.define('oc-order-context', OcOrderContext);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-context': OcOrderContext;
  }
}
