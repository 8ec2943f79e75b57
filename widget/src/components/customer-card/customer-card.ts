import { LitElement, html, nothing } from 'lit';
import type { ContextField } from '../../../../shared/common.js';
import type { ContextResponse, CustomerSummary, MatchAttempt } from '../../../../shared/context.js';
import { OcSearchToggleEvent } from '../../events/search-toggle-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { renderFields } from '../../render-field.js';
import { baseStyles } from '../../styles/base.styles.js';
import { statusBadgeStyles } from '../status-badge/status-badge.js';
import { customerCardStyles } from './customer-card.styles.js';
import '../copy-button/copy-button.js';
import { emptyStateStyles, renderEmptyState } from '../empty-state/empty-state.js';

const OUTCOME_GLYPH: Record<MatchAttempt['outcome'], string> = {
  matched: '✓',
  not_found: '✗',
  not_given: '–',
};

/**
 * @summary The ticket's shopper (registered or guest) and why we think it is them; the no-match state
 *   when nothing matched.
 * @event oc-search-toggle - "Wrong shopper?" pressed (bubbles, not composed); only with `can-link`.
 */
export class OcCustomerCard extends LitElement {
  static override styles = [baseStyles, statusBadgeStyles, emptyStateStyles, customerCardStyles];
  static override properties = {
    context: { attribute: false },
    i18n: { attribute: false },
    canLink: { type: Boolean, attribute: 'can-link' },
  };

  context: ContextResponse | null = null;
  i18n: I18n | null = null;
  /** The session may link shoppers (`links:write`): offers "Wrong shopper?". */
  canLink = false;

  override render() {
    const { context, i18n } = this;
    if (!context || !i18n) return nothing;
    const { t } = i18n;
    const { customer, match } = context;
    if (!customer && match.method === 'none') {
      return html`<section aria-labelledby="match-heading">
        <h2 id="match-heading" class="sr-only" tabindex="-1">${t.shopper}</h2>
        ${renderEmptyState(t.noMatchTitle, t.noMatchText, this.#renderTried())}
      </section>`;
    }
    const name = customer
      ? `${customer.firstName} ${customer.lastName}`.trim() || customer.email
      : t.guestShopper;
    const email = customer?.email ?? context.guestEmail ?? '';
    return html`<section class="card" aria-labelledby="shopper-heading">
      <h2 id="shopper-heading" tabindex="-1"><span class="sr-only">${t.shopper}: </span>${name}</h2>
      ${
        email
          ? html`<p class="email">
              <a href=${`mailto:${email}`}>${email}</a>
              <oc-copy-button .value=${email} .label=${t.copyEmail} .i18n=${i18n}></oc-copy-button>
            </p>`
          : nothing
      }
      <p class="meta">
        <span class="tag market"><span class="sr-only">${t.market}: </span>${context.market.label}</span>
        ${customer ? nothing : html`<span class="tag">${t.guestOrder}</span>`}
      </p>
      ${renderFields([...summaryFields(context.summary, i18n), ...context.fields], i18n)}
      ${
        context.summary && (context.summary.windowDays || !context.summary.complete)
          ? html`<p class="small">
              ${context.summary.windowDays ? t.summaryWindow(context.summary.windowDays) : t.summaryPartial}
            </p>`
          : nothing
      }
      <div class="why">
        <h3 class="small">${t.whyMatch}</h3>
        <p>${t.matchMethod[match.method]}</p>
        ${this.#renderTried()}
      </div>
      ${
        this.canLink
          ? html`<p class="wrong">
              <button type="button" class="link wrong-shopper" @click=${this.#onWrongShopper}>
                ${t.wrongShopper}
              </button>
            </p>`
          : nothing
      }
    </section>`;
  }

  #renderTried() {
    if (!this.i18n) return nothing;
    const { t } = this.i18n;
    const tried = this.context?.match.tried ?? [];
    if (!tried.length) return nothing;
    return html`<ul class="small">
      ${tried.map(
        (attempt) =>
          html`<li>
            <span>${t.attemptMethod[attempt.method]}:</span>
            ${attempt.value ? html`<span class="name">${attempt.value}</span>` : nothing}
            <span class=${attempt.outcome}
              ><span aria-hidden="true">${OUTCOME_GLYPH[attempt.outcome]}</span>
              ${t.attemptOutcome[attempt.outcome]}</span
            >
          </li>`,
      )}
    </ul>`;
  }

  readonly #onWrongShopper = (): void => {
    this.dispatchEvent(new OcSearchToggleEvent(true));
  };

  /** Closing the search returns focus to the control that opened it. */
  focusWrongShopper(): void {
    this.renderRoot.querySelector<HTMLElement>('.wrong-shopper')?.focus();
  }

  /** Used after linking: puts the agent where the new shopper is. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }
}

/**
 * The shopper's summary as fields of the card's definition list (empty ones are left out there). A count from
 * the orders loaded so far reads "20+", and the line under the list says where the numbers come from.
 */
function summaryFields(summary: CustomerSummary | undefined, i18n: I18n): ContextField[] {
  if (!summary) return [];
  const { t } = i18n;
  return (
    [
      [t.orders, i18n.number(summary.orderCount) + (summary.complete ? '' : '+')],
      [t.lifetimeValue, summary.lifetimeValue.map((money) => i18n.money(money)).join(' · ')],
      [t.customerSince, summary.customerSince && i18n.date(summary.customerSince)],
      [t.lastOrder, summary.lastOrder && i18n.date(summary.lastOrder)],
    ] as const
  ).map(([label, value]) => ({ key: label, label, value, format: 'text' }));
}

customElements.define('oc-customer-card', OcCustomerCard);

declare global {
  interface HTMLElementTagNameMap {
    'oc-customer-card': OcCustomerCard;
  }
}
