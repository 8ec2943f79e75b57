import { LitElement, html, nothing } from 'lit';
import { isRetryable, type BffError } from '../../bff-error.js';
import { OcRetryEvent } from '../../events/retry-event.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { errorPanelStyles } from './error-panel.styles.js';

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
    copied: { state: true },
  };

  error: Pick<BffError, 'code' | 'correlationId'> | null = null;
  i18n: I18n = createI18n();

  private copied = false;

  override render() {
    const { error, i18n } = this;
    if (!error) return nothing;
    const { t } = i18n;
    return html`<div class="card" role="alert">
      <p class="name">${t.errorTitle}</p>
      <p>${i18n.error(error.code)}</p>
      ${
        error.correlationId
          ? html`<p class="small">
              <span>${t.correlationId}:</span>
              <code>${error.correlationId}</code>
              <button type="button" @click=${this.#onCopy}>
                ${this.copied ? t.copied : t.copy}<span class="sr-only"> ${t.correlationId}</span>
              </button>
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

  readonly #onCopy = async (): Promise<void> => {
    const id = this.error?.correlationId;
    if (!id) return;
    try {
      await navigator.clipboard.writeText(id);
      this.copied = true;
    } catch {
      // Iframes without the clipboard-write permission: select the ID so Ctrl+C copies it.
      const code = this.renderRoot.querySelector('code');
      const selection = window.getSelection();
      if (code && selection) {
        selection.selectAllChildren(code);
      }
    }
  };

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
