import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { isRetryable, type BffError } from '../../bff-error.js';
import { OcRetryEvent } from '../../events/retry-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { errorPanelStyles } from './error-panel.styles.js';
import '../copy-button/copy-button.js';

/**
 * @summary What went wrong, in the agent's language, with the correlation ID (copyable) and a Retry
 *   when retrying can help.
 * @event oc-retry - The agent pressed Retry (bubbles, not composed).
 */
export class OcErrorPanel extends LitElement {
  static override styles = [baseStyles, errorPanelStyles];
  static override properties = {
    error: { attribute: false },
    i18n: { attribute: false },
  };

  error: Pick<BffError, 'code' | 'correlationId'> | null = null;
  i18n: I18n | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { error, i18n } = this;
    // Most error texts are a chunk of their own: fetch them once an error shows (the alert announces them).
    if (
      (changed.has('error') || changed.has('i18n')) &&
      error &&
      i18n &&
      i18n.error(error.code) === undefined
    ) {
      void i18n.loadErrors().then(() => this.requestUpdate());
    }
  }

  override render() {
    const { error, i18n } = this;
    if (!error || !i18n) return nothing;
    const { t } = i18n;
    return html`<div class="card" role="alert" tabindex="-1">
      <p class="name">${t.errorTitle}</p>
      <p>${i18n.error(error.code) ?? ''}</p>
      ${
        error.correlationId
          ? html`<p class="small">
              <span>${t.correlationId}:</span>
              <code>${error.correlationId}</code>
              <oc-copy-button
                .value=${error.correlationId}
                .label=${t.copyCorrelationId}
                .i18n=${i18n}
              ></oc-copy-button>
            </p>`
          : nothing
      }
      ${
        isRetryable(error.code)
          ? html`<div>
              <button type="button" class="primary" @click=${this.#onRetry}>${t.retry}</button>
            </div>`
          : nothing
      }
    </div>`;
  }

  /** After a Retry that failed again: focus on the new Retry, or on the panel when retrying cannot help. */
  async focusRetry(): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot;
    (root.querySelector<HTMLElement>('button.primary') ?? root.querySelector<HTMLElement>('.card'))?.focus();
  }

  readonly #onRetry = (): void => {
    this.dispatchEvent(new OcRetryEvent());
  };
}

customElements.define('oc-error-panel', OcErrorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'oc-error-panel': OcErrorPanel;
  }
}
