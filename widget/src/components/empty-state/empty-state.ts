import { html, nothing, type TemplateResult } from 'lit';

export { emptyStateStyles } from './empty-state.styles.js';

/**
 * A friendly "nothing here" box, with optional content below the text. A template partial like the status
 * badge: no state of its own. Hosts add `emptyStateStyles`.
 */
export function renderEmptyState(heading: string, text: string, extra: unknown = nothing): TemplateResult {
  return html`<div class="card empty">
    <p class="name">${heading}</p>
    <p class="muted">${text}</p>
    ${extra}
  </div>`;
}
