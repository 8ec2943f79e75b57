import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { AdminAction, StoreStatus } from '../../../../../shared/admin.js';
import { baseStyles } from '../../../styles/base.styles.js';
import { OcAdminActionEvent } from '../../events/admin-action-event.js';
import { formatAge, formatCount, formatRatio, formatTime, formatWhen } from '../../format.js';
import { storeCardStyles } from './store-card.styles.js';
import '../sparkline/sparkline.js';

const STATE_WORD = { healthy: 'Healthy', degraded: 'Degraded', failing: 'Failing' } as const;

const ACTIONS: readonly { action: AdminAction; label: string }[] = [
  { action: 'run-delta', label: 'Run a delta now' },
  { action: 'repair-webhooks', label: 'Repair webhooks' },
  { action: 'retry-notes', label: 'Retry failed notes' },
];

/** What the last action on this store came to, shown under its buttons. */
export interface ActionResult {
  action: AdminAction;
  ok: boolean;
  message: string;
}

type Row = [label: string, value: string | TemplateResult, title?: string];

/**
 * @summary One store on the console: its state in colour and words with the reasons, charts of the last hour,
 *   the figures of each part (BigCommerce, sync, webhooks, cache, notes, novomind push) and its actions.
 * @event oc-admin-action - An action button was pressed (bubbles, composed).
 */
export class OcStoreCard extends LitElement {
  static override styles = [baseStyles, storeCardStyles];
  static override properties = {
    store: { attribute: false },
    now: {},
    busy: { attribute: false },
    result: { attribute: false },
  };

  store: StoreStatus | null = null;
  /** The status's generatedAt: ages are measured on the server's clock. */
  now = '';
  /** The action running on this store, if any. */
  busy: AdminAction | null = null;
  result: ActionResult | null = null;

  override render() {
    const { store } = this;
    if (!store) return nothing;
    const headingId = `store-${store.key}`;
    return html`<article class=${store.state} aria-labelledby=${headingId}>
      <header>
        <h2 id=${headingId}>${store.label} <span class="key">${store.key}</span></h2>
        <span class="badge" data-state=${store.state}
          ><span class="dot" aria-hidden="true"></span>${STATE_WORD[store.state]}</span
        >
      </header>
      ${
        store.reasons.length === 0
          ? html`<p class="fine">Everything works.</p>`
          : html`<ul class="reasons" aria-label="Why ${STATE_WORD[store.state].toLowerCase()}">
              ${store.reasons.map(
                (reason) =>
                  html`<li
                    class=${reason.level === 'failing' ? 'failing-reason' : ''}
                    data-code=${reason.code}
                  >
                    ${reason.text}
                  </li>`,
              )}
            </ul>`
      }
      ${this.#charts(store)}
      <div class="sections">${this.#sections(store)}</div>
      <div class="actions" role="group" aria-label="Actions for ${store.label}">
        ${ACTIONS.map(
          ({ action, label }) =>
            html`<button
              type="button"
              data-action=${action}
              ?disabled=${this.busy !== null}
              aria-busy=${this.busy === action ? 'true' : 'false'}
              @click=${() => this.dispatchEvent(new OcAdminActionEvent(store.key, action))}
            >
              ${this.busy === action ? `${label}…` : label}${
                action === 'retry-notes' && store.notes.failed > 0 ? ` (${store.notes.failed})` : ''
              }
            </button>`,
        )}
      </div>
      <p class="result ${this.result && !this.result.ok ? 'refused' : ''}" role="status">
        ${this.result?.message ?? ''}
      </p>
    </article>`;
  }

  #charts(store: StoreStatus) {
    const { series } = store;
    const lagMinutes = series.map((point) =>
      point.lagSeconds === null ? null : Math.round(point.lagSeconds / 6) / 10,
    );
    const pushed = series.some((point) => point.pushQueued !== null);
    return html`<div class="charts">
      <oc-sparkline
        label="Calls / min"
        secondary-label="429s"
        .values=${series.map((point) => point.calls)}
        .secondary=${series.map((point) => point.throttled)}
      ></oc-sparkline>
      <oc-sparkline label="Index lag" unit=" min" kind="line" .values=${lagMinutes}></oc-sparkline>
      <oc-sparkline
        label="Queued notes"
        kind="line"
        secondary-label="push"
        .values=${series.map((point) => point.notesQueued)}
        .secondary=${pushed ? series.map((point) => point.pushQueued) : null}
      ></oc-sparkline>
    </div>`;
  }

  #sections(store: StoreStatus) {
    const { bigcommerce: bc, sync, webhooks: hooks, cache, notes, push } = store;
    const when = (iso: string | null): Row[1] =>
      iso ? html`<span title=${formatTime(iso)}>${formatWhen(iso, this.now)}</span>` : '—';
    const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'yes' : 'no');
    const ofTotal = (part: number | null, total: number | null) =>
      part === null
        ? '—'
        : total === null
          ? formatCount(part)
          : `${formatCount(part)} of ${formatCount(total)}`;
    const notReporting = (room: string): Row => ['Live facts', `not reported (no ${room} room)`];
    return [
      this.#section('BigCommerce API', [
        ['Answers', yesNo(bc.reachable)],
        ['Requests left', ofTotal(bc.requestsLeft, bc.quota)],
        ['Calls, last hour', formatCount(bc.callsLastHour)],
        ['429s, last hour', formatCount(bc.throttledLastHour)],
        ['Failures, last hour', formatCount(bc.failedLastHour)],
        ['Last answer', when(bc.lastOkAt)],
        ...(bc.lastFailure ? ([['Last failure', bc.lastFailure]] as Row[]) : []),
      ]),
      this.#section('Sync', [
        ...(sync.enabled === null ? [notReporting('sync')] : []),
        ['Last success', when(sync.lastSuccessAt)],
        ['Lag', formatAge(sync.lagSeconds)],
        ['Orders indexed', formatCount(sync.ordersIndexed)],
        ['Next run', when(sync.nextRunAt)],
        [
          'Back-fill',
          sync.backfill.done
            ? 'done'
            : sync.backfill.percent !== null
              ? `${sync.backfill.percent} %`
              : sync.streams.length === 0 && sync.enabled === null
                ? '—'
                : 'not done',
        ],
        ...(sync.lastError ? ([['Last error', sync.lastError]] as Row[]) : []),
      ]),
      this.#section('Webhooks', [
        ['Registered', ofTotal(hooks.registered, hooks.expected)],
        ['Active', ofTotal(hooks.active, hooks.registered)],
        ['Last delivery', when(hooks.lastDeliveryAt)],
        ['Deliveries, last hour', formatCount(hooks.deliveriesLastHour)],
        ['Duplicates, last hour', formatCount(hooks.duplicatesLastHour)],
        ['Missed, last hour', formatCount(hooks.missedLastHour)],
        ['Waiting', formatCount(hooks.pending)],
      ]),
      this.#section('Cache', [
        ['Hit ratio', formatRatio(cache.hitRatio)],
        ['Lookups, last hour', formatCount(cache.lookupsLastHour)],
      ]),
      this.#section('Notes outbox', [
        ['Queued', formatCount(notes.queued)],
        ['Oldest', formatAge(notes.oldestQueuedAgeSeconds)],
        ['Failed', formatCount(notes.failed)],
      ]),
      this.#section('novomind push', [
        ...(push.enabled === null
          ? [notReporting('novomind')]
          : push.enabled
            ? []
            : [['Push', 'off'] as Row]),
        ['Queued', formatCount(push.queued)],
        ['Oldest', formatAge(push.oldestQueuedAgeSeconds)],
        ['Last delivered', when(push.lastDeliveredAt)],
        ['Errors, last hour', formatCount(push.errorsLastHour)],
      ]),
    ];
  }

  #section(title: string, rows: Row[]) {
    return html`<section>
      <h3>${title}</h3>
      <dl class="kv">
        ${rows.map(
          ([label, value]) =>
            html`<dt>${label}</dt>
              <dd>${value}</dd>`,
        )}
      </dl>
    </section>`;
  }
}

customElements.define('oc-store-card', OcStoreCard);

declare global {
  interface HTMLElementTagNameMap {
    'oc-store-card': OcStoreCard;
  }
}
