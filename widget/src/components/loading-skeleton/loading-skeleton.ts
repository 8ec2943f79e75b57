import { LitElement, html } from 'lit';
import { baseStyles } from '../../styles/base.styles.js';
import { loadingSkeletonStyles } from './loading-skeleton.styles.js';

/**
 * @summary Grey placeholder lines while data loads; announces `label` politely to screen readers.
 */
export class OcLoadingSkeleton extends LitElement {
  static override styles = [baseStyles, loadingSkeletonStyles];
  static override properties = {
    label: {},
    lines: { type: Number },
  };

  label = '';
  lines = 3;

  override render() {
    return html`<div role="status">
      <span class="sr-only">${this.label}</span>
      <div class="list" aria-hidden="true">
        ${Array.from({ length: this.lines }, () => html`<div></div>`)}
      </div>
    </div>`;
  }
}

customElements.define('oc-loading-skeleton', OcLoadingSkeleton);

declare global {
  interface HTMLElementTagNameMap {
    'oc-loading-skeleton': OcLoadingSkeleton;
  }
}
