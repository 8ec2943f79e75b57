import { LitElement, html, nothing } from 'lit';
import type { ErrorLogEntryDto } from '../../../../../shared/admin.js';
import { baseStyles } from '../../../styles/base.styles.js';
import { OcErrorSearchEvent } from '../../events/error-search-event.js';
import { formatTime } from '../../format.js';
import { errorLogStyles } from './error-log.styles.js';

const WHAT: Record<string, string> = {
  request: 'Failed request',
  admin_action: 'Operator action',
};

/** An entry's details in one line: never more than the error log holds (codes, messages, zod issues). */
function describeIssues(issues: unknown): string {
  if (issues === null || issues === undefined) return '';
  const text = typeof issues === 'string' ? issues : JSON.stringify(issues);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * @summary The error log: the latest entries, or those of one correlation ID (the ID every widget error shows),
 *   optionally of one store. Invalid BigCommerce records, failed requests and operator actions.
 * @event oc-error-search - The operator searched (bubbles, composed).
 */
export class OcErrorLog extends LitElement {
  static override styles = [baseStyles, errorLogStyles];
  static override properties = {
    stores: { attribute: false },
    entries: { attribute: false },
    loading: { type: Boolean },
    failure: {},
    searched: {},
  };

  stores: readonly { key: string; label: string }[] = [];
  entries: readonly ErrorLogEntryDto[] | null = null;
  loading = false;
  /** Why the search failed, in words. */
  failure = '';
  /** The correlation ID the entries are for ('' = the latest entries). */
  searched = '';

  override render() {
    const { entries } = this;
    return html`<section aria-labelledby="error-log-title">
      <h2 id="error-log-title">Error log</h2>
      <form role="search" aria-label="Search the error log" @submit=${this.#onSubmit}>
        <div class="field">
          <label for="correlation-id">Correlation ID</label>
          <input
            id="correlation-id"
            name="correlationId"
            autocomplete="off"
            spellcheck="false"
            pattern="[A-Za-z0-9._\\-]{8,64}"
            placeholder="empty for the latest entries"
          />
        </div>
        <div class="field">
          <label for="store-filter">Store</label>
          <select id="store-filter" name="store">
            <option value="">All stores</option>
            ${this.stores.map((store) => html`<option value=${store.key}>${store.label} (${store.key})</option>`)}
          </select>
        </div>
        <button type="submit" class="primary" ?disabled=${this.loading}>Search</button>
      </form>
      <p role="status" class="small ${this.failure ? 'refused' : ''}">${this.#summary()}</p>
      ${
        entries && entries.length > 0
          ? html`<div class="table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Store</th>
                    <th scope="col">What</th>
                    <th scope="col">Correlation ID</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  ${entries.map(
                    (entry) =>
                      html`<tr data-correlation-id=${entry.correlationId}>
                        <td>${formatTime(entry.createdAt)}</td>
                        <td>${entry.storeKey ?? '—'}</td>
                        <td>
                          ${WHAT[entry.resource] ?? `Invalid ${entry.resource}`}${
                            entry.recordId ? html` <code>${entry.recordId}</code>` : nothing
                          }
                        </td>
                        <td><code>${entry.correlationId}</code></td>
                        <td class="details">${describeIssues(entry.issues)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
    </section>`;
  }

  #summary(): string {
    if (this.loading) return 'Searching…';
    if (this.failure) return this.failure;
    if (this.entries === null) return '';
    const count = this.entries.length;
    const what = `${count} ${count === 1 ? 'entry' : 'entries'}`;
    return this.searched ? `${what} for ${this.searched}.` : `The latest ${what}.`;
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    this.dispatchEvent(
      new OcErrorSearchEvent({
        correlationId: text('correlationId').trim(),
        store: text('store'),
      }),
    );
  };
}

customElements.define('oc-error-log', OcErrorLog);

declare global {
  interface HTMLElementTagNameMap {
    'oc-error-log': OcErrorLog;
  }
}
