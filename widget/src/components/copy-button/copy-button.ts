import { LitElement, html, nothing, svg } from 'lit';
import { copyText } from '../../clipboard.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { copyButtonStyles } from './copy-button.styles.js';

/** How long the button says "Copied" before it offers to copy again. */
const DONE_MS = 4000;

/**
 * @summary A small button that copies `value` (an order number, a tracking number, an address) to the
 *   clipboard; "Copied" is shown and announced politely, and a blocked clipboard is said too.
 */
export class OcCopyButton extends LitElement {
  static override styles = [baseStyles, copyButtonStyles];
  static override properties = {
    value: {},
    label: {},
    i18n: { attribute: false },
    outcome: { state: true },
  };

  value = '';
  /** The accessible name, e.g. "Copy tracking number"; also the tooltip. */
  label = '';
  i18n: I18n | null = null;

  private outcome: 'copied' | 'failed' | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  override render() {
    const { i18n, outcome } = this;
    if (!i18n) return nothing;
    const { t } = i18n;
    const done = outcome === 'copied';
    return html`<button
        type="button"
        class=${outcome === null ? '' : done ? 'done' : 'failed'}
        title=${this.label}
        aria-label=${this.label}
        @click=${this.#onClick}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          ${
            // Nested parts of an <svg> need the svg tag: html`` would make them HTML elements, never drawn.
            done
              ? svg`<path d="M3 8.5l3 3 7-7"></path>`
              : svg`<rect x="5.5" y="5.5" width="8" height="8" rx="1.5"></rect><path d="M10.5 3a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5"></path>`
          }
        </svg>
        ${done ? t.copied : nothing}
      </button>
      <span role="status" class=${outcome === 'failed' ? 'small failed' : 'sr-only'}
        >${done ? t.copied : outcome === 'failed' ? t.copyFailed : ''}</span
      >`;
  }

  readonly #onClick = async (event: Event): Promise<void> => {
    const ok = await copyText(this.value, event.currentTarget as HTMLElement);
    this.outcome = ok ? 'copied' : 'failed';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.outcome = null), DONE_MS);
  };
}

customElements.define('oc-copy-button', OcCopyButton);

declare global {
  interface HTMLElementTagNameMap {
    'oc-copy-button': OcCopyButton;
  }
}
