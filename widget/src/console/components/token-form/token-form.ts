import { LitElement, html, nothing } from 'lit';
import { baseStyles } from '../../../styles/base.styles.js';
import { OcTokenSubmitEvent } from '../../events/token-submit-event.js';
import { tokenFormStyles } from './token-form.styles.js';

/**
 * @summary Asks for the admin token, once per browser tab (the console keeps it in sessionStorage).
 * @event oc-token-submit - The operator submitted a token (bubbles, composed).
 */
export class OcTokenForm extends LitElement {
  static override styles = [baseStyles, tokenFormStyles];
  static override properties = { refusal: {} };

  /** Why the last token did not work, when it did not. */
  refusal = '';

  override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  override render() {
    return html`<form @submit=${this.#onSubmit}>
      <h1>Operations console</h1>
      <p class="muted">
        Enter the admin token (<code>ADMIN_TOKEN</code>). It stays in this tab until you close it.
      </p>
      <label for="token">Admin token</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck="false"
        required
        aria-describedby=${this.refusal ? 'refusal' : nothing}
      />
      ${this.refusal ? html`<p id="refusal" class="refused" role="alert">${this.refusal}</p>` : nothing}
      <div><button type="submit" class="primary">Open the console</button></div>
    </form>`;
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    const token = input?.value.trim() ?? '';
    if (token) this.dispatchEvent(new OcTokenSubmitEvent(token));
  };
}

customElements.define('oc-token-form', OcTokenForm);

declare global {
  interface HTMLElementTagNameMap {
    'oc-token-form': OcTokenForm;
  }
}
