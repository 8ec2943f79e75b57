import { html, nothing, type TemplateResult } from 'lit';
import type { ContextField } from '../../shared/common.js';
import type { I18n } from './i18n/i18n.js';
import { isHttpUrl } from './safe-url.js';
import { renderStatusBadge } from './components/status-badge/status-badge.js';

/**
 * Template fields (chosen and labelled per market by the BFF) as one definition list, or `nothing` when none
 * has a value: fields without a value say nothing useful in a 320 px sidebar.
 */
export function renderFields(fields: readonly ContextField[], i18n: I18n): TemplateResult | typeof nothing {
  const present = fields.filter((field) => field.value !== null && field.value !== '');
  return present.length
    ? html`<dl class="kv">${present.map((field) => renderField(field, i18n))}</dl>`
    : nothing;
}

function renderField(field: ContextField, i18n: I18n): TemplateResult {
  return html`<dt>${field.label}</dt>
    <dd>${renderValue(field, i18n)}</dd>`;
}

function renderValue(field: ContextField, i18n: I18n): TemplateResult | string | typeof nothing {
  const { value } = field;
  if (value === null || value === '') return i18n.t.notAvailable;
  if (typeof value === 'object') {
    return 'family' in value ? renderStatusBadge(value, i18n) : i18n.money(value);
  }
  // Ids come as numbers with format 'text': no thousands separator for an order or customer number.
  if (typeof value === 'number') return field.format === 'number' ? i18n.number(value) : String(value);
  if (field.format === 'date') return i18n.dateTime(value);
  if (field.format === 'link') {
    return isHttpUrl(value)
      ? // A carrier's tracking URL runs to a hundred characters; its host says enough in a sidebar.
        html`<a href=${value} target="_blank" rel="noopener noreferrer" title=${value}
          >${new URL(value).host}<span class="sr-only"> ${i18n.t.opensInNewTab}</span></a
        >`
      : value;
  }
  return value;
}
