import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Freshness } from '../../../../shared/common.js';
import { OcRefreshEvent } from '../../events/refresh-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock } from '../../time.js';
import { freshnessLabelStyles } from './freshness-label.styles.js';

/**
 * @summary "as of 2 min ago" for a card, a visible stale marker, and a refresh button.
 * @event oc-refresh - The agent pressed Refresh (bubbles, composed).
 */
export class OcFreshnessLabel extends LitElement {
  static override styles = [baseStyles, freshnessLabelStyles];
  static override properties = {
    freshness: { attribute: false },
    receivedAt: { attribute: false },
    refreshing: { type: Boolean },
    i18n: { attribute: false },
    now: { attribute: false },
    tickMs: { attribute: false },
  };

  freshness: Freshness | null = null;
  /**
   * Clock time when the data arrived. The age is the server's `ageSeconds` plus the time since then,
   * so a skewed desk PC clock cannot make data look older or younger than it is.
   */
  receivedAt: number | null = null;
  refreshing = false;
  i18n: I18n | null = null;
  now: Clock = systemClock;
  /** How often the label re-renders its age. */
  tickMs = 60_000;

  #timer: ReturnType<typeof setInterval> | undefined;
  #arrivedAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#startTicking();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('freshness') || changed.has('receivedAt'))
      this.#arrivedAt = this.receivedAt ?? this.now();
    if (changed.has('tickMs') && this.isConnected) this.#startTicking();
  }

  override render() {
    const { freshness, i18n } = this;
    if (!freshness || !i18n) return nothing;
    const { t } = i18n;
    const age = freshness.ageSeconds + (this.now() - this.#arrivedAt) / 1000;
    return html`<div class="line">
        <span class="small" title=${i18n.dateTime(freshness.asOf)}>${t.asOf(i18n.ago(age))}</span>
        ${
          freshness.stale
            ? html`<span class="tag warn"><span aria-hidden="true">⚠</span> ${t.stale}</span>`
            : nothing
        }
        <button type="button" aria-disabled=${this.refreshing ? 'true' : 'false'} @click=${this.#onRefresh}>
          <span aria-hidden="true">↻</span> ${this.refreshing ? t.updating : t.refresh}
        </button>
      </div>
      ${freshness.stale ? html`<p class="small warn">${t.staleHint}</p>` : nothing}`;
  }

  #startTicking(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.requestUpdate(), this.tickMs);
  }

  // aria-disabled while refreshing: a disabled button would drop the agent's focus to the page body.
  readonly #onRefresh = (): void => {
    if (!this.refreshing) this.dispatchEvent(new OcRefreshEvent());
  };
}

customElements.define('oc-freshness-label', OcFreshnessLabel);

declare global {
  interface HTMLElementTagNameMap {
    'oc-freshness-label': OcFreshnessLabel;
  }
}
