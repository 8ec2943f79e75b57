import { LitElement, html } from 'lit';
import { baseStyles } from '../../styles/base.styles.js';
import { emptyStateStyles } from './empty-state.styles.js';

/**
 * @summary A friendly "nothing here" box.
 * @slot - Extra content or actions below the text.
 */
export class OcEmptyState extends LitElement {
  static override styles = [baseStyles, emptyStateStyles];
  static override properties = {
    heading: {},
    text: {},
  };

  heading = '';
  text = '';

  override render() {
    return html`<div class="card">
      <p class="name">${this.heading}</p>
      <p class="muted">${this.text}</p>
      <slot></slot>
    </div>`;
  }
}

customElements.define('oc-empty-state', OcEmptyState);

declare global {
  interface HTMLElementTagNameMap {
    'oc-empty-state': OcEmptyState;
  }
}
