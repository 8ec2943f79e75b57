import { html, type TemplateResult } from 'lit';

export { loadingSkeletonStyles } from './loading-skeleton.styles.js';

/**
 * Grey placeholder lines while data loads; announces `label` politely to screen readers. A template partial,
 * not an element: it needs no state of its own, and an element's class costs bytes of the widget's size budget.
 * Hosts add `loadingSkeletonStyles`.
 */
export function renderSkeleton(label: string, lines: number): TemplateResult {
  return html`<div role="status" class="skeleton">
    <span class="sr-only">${label}</span>
    <div class="list" aria-hidden="true">${Array.from({ length: lines }, () => html`<div></div>`)}</div>
  </div>`;
}
