import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ContextResponse, OrderSummary } from '../../../../shared/context.js';
import type { OrderDetail } from '../../../../shared/order.js';
import type { SessionResponse } from '../../../../shared/session.js';
import { createBffClient, type BffClient } from '../../bff-client.js';
import { createClientError, toBffError } from '../../bff-error.js';
import { OcBackEvent } from '../../events/back-event.js';
import type { OcOrderSelectEvent } from '../../events/order-select-event.js';
import type { OcSearchToggleEvent } from '../../events/search-toggle-event.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { realSleep, systemClock, type Clock, type Sleep } from '../../time.js';
import { takeTokenFromWidgetPage } from '../../widget-page.js';
import { orderContextStyles } from './order-context.styles.js';
import '../customer-card/customer-card.js';
import '../customer-search/customer-search.js';
import '../error-panel/error-panel.js';
import '../freshness-label/freshness-label.js';
import '../loading-skeleton/loading-skeleton.js';
import '../note-composer/note-composer.js';
import '../order-detail/order-detail.js';
import '../order-list/order-list.js';

/**
 * The BFF that served this bundle. Inside an iAGENT JSF page the script comes from our origin while the page
 * is the desk's, so `location.origin` would be wrong.
 */
const BUNDLE_ORIGIN = new URL(import.meta.url).origin;

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
  static override styles = [baseStyles, orderContextStyles];
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
    contextReceivedAt: { state: true },
    selectedOrderId: { state: true },
    order: { state: true },
    orderReceivedAt: { state: true },
    searchOpen: { state: true },
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
  sleep: Sleep = realSleep;

  private i18n: I18n = createI18n();
  private session: SessionResponse | null = null;
  private context: ContextResponse | null = null;
  private orders: OrderSummary[] = [];
  private nextCursor: string | null = null;
  private contextReceivedAt = 0;
  private selectedOrderId: number | null = null;
  private order: OrderDetail | null = null;
  private orderReceivedAt = 0;
  private searchOpen = false;

  #ownClient: BffClient | null = null;
  /** Tokens are single use: never open a session twice for the same one. */
  #openedToken: string | null = null;
  #listScrollY = 0;
  /** Focus moves that must wait for the next render (the target does not exist yet). */
  #afterRender: (() => void | Promise<void>) | null = null;
  #focusHeadingOnLoad = false;

  readonly #sessionTask = new Task(this, {
    autoRun: false,
    task: ([token]: readonly [string], { signal }) => {
      if (!token) throw createClientError('token_missing', 'No embed token.');
      return this.#bff.openSession(token, signal);
    },
    onComplete: (session) => {
      this.session = session;
      this.i18n = createI18n(session.locale);
      void this.#contextTask.run([false]);
    },
  });

  readonly #contextTask = new Task(this, {
    autoRun: false,
    task: ([refresh]: readonly [boolean], { signal }) => {
      this.#moreTask.abort();
      return this.#bff.getContext(this.#sessionId, { refresh }, signal);
    },
    onComplete: (context) => {
      this.context = context;
      this.orders = context.orders;
      this.nextCursor = context.nextCursor;
      this.contextReceivedAt = this.now();
    },
  });

  readonly #moreTask = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string], { signal }) =>
      this.#bff.getContext(this.#sessionId, { cursor }, signal),
    onComplete: (page) => {
      const known = new Set(this.orders.map((order) => order.id));
      this.orders = [...this.orders, ...page.orders.filter((order) => !known.has(order.id))];
      this.nextCursor = page.nextCursor;
    },
  });

  readonly #orderTask = new Task(this, {
    autoRun: false,
    task: ([orderId, refresh]: readonly [number, boolean], { signal }) =>
      this.#bff.getOrder(this.#sessionId, orderId, { refresh }, signal),
    onComplete: (order) => {
      this.order = order;
      this.orderReceivedAt = this.now();
      if (this.#focusHeadingOnLoad) {
        this.#focusHeadingOnLoad = false;
        this.#afterRender = () => this.#focusOrderHeadingIfOnBack();
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
    if (!this.session)
      this.i18n = createI18n(this.lang || document.documentElement.lang || navigator.language);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token !== this.#openedToken) this.#openSession();
    const next = this.#afterRender;
    this.#afterRender = null;
    if (next) void next();
  }

  protected override firstUpdated(): void {
    // No token at all: say so (the `updated` hook only reacts to a token that is set).
    if (!this.token) void this.#sessionTask.run(['']);
  }

  override render() {
    const { t } = this.i18n;
    const sandbox = this.session?.sandbox === true || this.context?.sandbox === true;
    return html`<div class="widget" role="region" aria-label=${t.widgetLabel} lang=${this.i18n.language}>
      ${sandbox ? html`<p class="card warn"><strong>${t.sandbox}</strong> · ${t.sandboxHint}</p>` : nothing}
      ${this.#sessionTask.render({
        initial: () => this.#renderSkeleton(t.openingSession, 4),
        pending: () => this.#renderSkeleton(t.openingSession, 4),
        error: (error) => this.#renderError(error, () => this.#openSession(true)),
        complete: () =>
          this.selectedOrderId === null ? this.#renderList() : this.#renderDetail(this.selectedOrderId),
      })}
    </div>`;
  }

  #renderList(): unknown {
    const { i18n } = this;
    const { context } = this;
    if (!context) {
      return this.#contextTask.render({
        initial: () => this.#renderSkeleton(i18n.t.loadingContext, 6),
        pending: () => this.#renderSkeleton(i18n.t.loadingContext, 6),
        error: (error) => this.#renderError(error, () => void this.#contextTask.run([false])),
        complete: () => nothing,
      });
    }
    const canLink = this.session?.scopes.includes('links:write') === true;
    const noMatch = context.customer === null && context.match.method === 'none';
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
        canLink && (noMatch || this.searchOpen)
          ? html`<oc-customer-search
              .client=${this.#bff}
              .session=${this.#sessionId}
              .i18n=${i18n}
              ?closable=${!noMatch}
              @oc-search-toggle=${this.#onSearchToggle}
              @oc-link=${this.#onLinked}
            ></oc-customer-search>`
          : nothing
      }
      ${
        noMatch && this.orders.length === 0
          ? nothing
          : html`<oc-order-list
              .orders=${this.orders}
              .i18n=${i18n}
              ?has-more=${this.nextCursor !== null}
              ?loading-more=${this.#moreTask.status === TaskStatus.PENDING}
              @oc-order-select=${this.#onOrderSelect}
              @oc-load-more=${this.#onLoadMore}
            ></oc-order-list>`
      }
      ${this.#moreTask.status === TaskStatus.ERROR ? this.#renderError(this.#moreTask.error, this.#onLoadMore) : nothing}`;
  }

  #renderDetail(orderId: number): TemplateResult {
    const { i18n } = this;
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
          ? html`<oc-order-detail .order=${order} .i18n=${i18n} aria-busy=${pending ? 'true' : 'false'}>
              ${
                canNote
                  ? html`<oc-note-composer
                      slot="composer"
                      .client=${this.#bff}
                      .session=${this.#sessionId}
                      .orderId=${orderId}
                      .i18n=${i18n}
                      .sleep=${this.sleep}
                      @oc-note-written=${() => void this.#orderTask.run([orderId, true])}
                    ></oc-note-composer>`
                  : nothing
              }
            </oc-order-detail>`
          : pending
            ? this.#renderSkeleton(t.loadingOrder, 8)
            : nothing
      }
    </div>`;
  }

  #renderSkeleton(label: string, lines: number): TemplateResult {
    return html`<oc-loading-skeleton .label=${label} .lines=${lines}></oc-loading-skeleton>`;
  }

  #renderError(error: unknown, retry: () => void): TemplateResult {
    return html`<oc-error-panel
      .error=${toBffError(error)}
      .i18n=${this.i18n}
      @oc-retry=${retry}
    ></oc-error-panel>`;
  }

  get #bff(): BffClient {
    return this.client ?? (this.#ownClient ??= createBffClient({ baseUrl: this.apiBase }));
  }

  get #sessionId(): string {
    return this.session?.session ?? '';
  }

  #openSession(retry = false): void {
    if (!this.token || (!retry && this.token === this.#openedToken)) return;
    this.#openedToken = this.token;
    void this.#sessionTask.run([this.token]);
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.selectedOrderId === null) return;
    // Escape inside the note box should not throw away a half-written note.
    const origin = event.composedPath()[0];
    if (origin instanceof HTMLTextAreaElement || origin instanceof HTMLInputElement) return;
    event.preventDefault();
    this.#onBack();
  };

  readonly #onOrderSelect = (event: OcOrderSelectEvent): void => {
    this.#listScrollY = window.scrollY;
    this.selectedOrderId = event.orderId;
    this.#focusHeadingOnLoad = true;
    // Focusing Back scrolls the top of the detail into view; no window.scrollTo, which would jump a host desk page.
    this.#afterRender = () => this.renderRoot.querySelector<HTMLElement>('.back')?.focus();
    void this.#orderTask.run([event.orderId, false]);
  };

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

  readonly #onLoadMore = (): void => {
    if (this.nextCursor !== null) void this.#moreTask.run([this.nextCursor]);
  };

  readonly #onSearchToggle = (event: OcSearchToggleEvent): void => {
    this.searchOpen = event.open;
    this.#afterRender = event.open
      ? () => this.renderRoot.querySelector('oc-customer-search')?.focusInput()
      : async () => {
          const card = this.renderRoot.querySelector('oc-customer-card');
          await card?.updateComplete;
          card?.focusWrongShopper();
        };
  };

  readonly #onLinked = (): void => {
    this.searchOpen = false;
    void this.#contextTask.run([true]).then(() => {
      this.#afterRender = async () => {
        const card = this.renderRoot.querySelector('oc-customer-card');
        await card?.updateComplete;
        card?.focusHeading();
      };
      this.requestUpdate();
    });
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
