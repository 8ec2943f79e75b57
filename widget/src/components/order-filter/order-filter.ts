import { LitElement, html, nothing } from 'lit';
import type { ContextFilter } from '../../../../shared/context.js';
import { OcFilterEvent } from '../../events/filter-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { messagesFor } from '../order-history/order-history.js';
import { orderFilterStyles } from './order-filter.styles.js';

/** BigCommerce's status ids an agent can filter by (0, incomplete, is never listed). */
const STATUS_IDS = Array.from({ length: 14 }, (_, index) => index + 1);
const FIELDS = ['number', 'status', 'from', 'to'] as const;

/**
 * @summary The order filter: number, status, a range of creation days. The BFF answers it (from the index, or
 *   BigCommerce's own filters); the form only collects it. Days are calendar days as the BFF documents them.
 * @event oc-filter - Applied (the filter) or cleared (null); bubbles, not composed.
 */
export class OcOrderFilter extends LitElement {
  static override styles = [baseStyles, orderFilterStyles];
  static override properties = {
    filter: { attribute: false },
    i18n: { attribute: false },
  };

  filter: ContextFilter | null = null;
  i18n: I18n | null = null;

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const t = messagesFor(i18n);
    const filter = this.filter ?? {};
    return html`<form @submit=${this.#onSubmit}>
      <label class="wide"
        >${t.number}
        <input
          name="number"
          inputmode="numeric"
          autocomplete="off"
          pattern="#?[1-9][0-9]{0,8}"
          .value=${filter.number ?? ''}
      /></label>
      <label class="wide"
        >${t.status}
        <select name="status">
          <option value="">${t.anyStatus}</option>
          ${STATUS_IDS.map(
            (id) =>
              html`<option value=${id} ?selected=${filter.status === String(id)}>
                ${i18n.t.statusNames[id]}
              </option>`,
          )}
        </select></label
      >
      <label>${t.from} <input name="from" type="date" .value=${filter.from ?? ''} /></label>
      <label>${t.to} <input name="to" type="date" .value=${filter.to ?? ''} /></label>
      <button type="submit" class="primary">${t.apply}</button>
      <button type="button" @click=${this.#onClear}>${t.clear}</button>
    </form>`;
  }

  async focusFirst(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const filter: ContextFilter = {};
    for (const field of FIELDS) {
      const raw = data.get(field);
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (value) filter[field] = value;
    }
    this.dispatchEvent(new OcFilterEvent(Object.keys(filter).length ? filter : null));
  };

  readonly #onClear = (): void => {
    this.renderRoot.querySelector('form')?.reset();
    this.dispatchEvent(new OcFilterEvent(null));
  };
}

customElements.define('oc-order-filter', OcOrderFilter);

declare global {
  interface HTMLElementTagNameMap {
    'oc-order-filter': OcOrderFilter;
  }
}
