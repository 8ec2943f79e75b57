import { html, type TemplateResult } from 'lit';
import type { CodeLabel, I18n } from './i18n/i18n.js';

/** A code in words; one we have no words for reads "Other" and keeps the raw code in a tooltip. */
export function renderCode(label: CodeLabel): TemplateResult | string {
  return label.code === null ? label.text : html`<span title=${label.code}>${label.text}</span>`;
}

/** "3 days ago", with the exact date and time on hover and in `datetime`. */
export function renderTime(iso: string, i18n: I18n, now: number): TemplateResult {
  return html`<time datetime=${iso} title=${i18n.dateTime(iso)}>${i18n.relative(iso, now)}</time>`;
}
