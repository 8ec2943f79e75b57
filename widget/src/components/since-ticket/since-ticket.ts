import { LitElement, html, nothing } from 'lit';
import type { SinceTicketEntry } from '../../../../shared/order.js';
import type { I18n } from '../../i18n/i18n.js';
import { renderTime } from '../../render-label.js';
import { baseStyles } from '../../styles/base.styles.js';
import { systemClock, type Clock } from '../../time.js';
import { SINCE_TICKET_MESSAGES } from './since-ticket.messages.js';

/**
 * @summary What happened to the order since its ticket was opened, oldest first: status changes, shipments,
 *   refunds, other agents' staff notes. Loaded with its words only when there is something to show.
 */
export class OcSinceTicket extends LitElement {
  static override styles = [baseStyles];
  static override properties = {
    entries: { attribute: false },
    i18n: { attribute: false },
    now: { attribute: false },
  };

  entries: readonly SinceTicketEntry[] = [];
  i18n: I18n | null = null;
  now: Clock = systemClock;

  override render() {
    const { i18n, entries } = this;
    if (!i18n || entries.length === 0) return nothing;
    const t = SINCE_TICKET_MESSAGES[i18n.language] ?? SINCE_TICKET_MESSAGES.en!;
    const now = this.now();
    return html`<section aria-labelledby="since-heading">
      <h3 id="since-heading">${t.heading}</h3>
      <ul class="small">
        ${entries
          // A kind a newer BFF sends that this widget has no words for is left out, not shown as a code.
          .filter((entry) => t.kinds[entry.kind])
          .map(
            (entry) =>
              html`<li>
                ${renderTime(entry.at, i18n, now)} ·
                ${t.kinds[entry.kind]}${entry.status ? html`: ${i18n.status(entry.status)}` : nothing}
                ${entry.agent ? t.by(entry.agent) : nothing}
              </li>`,
          )}
      </ul>
    </section>`;
  }
}

customElements.define('oc-since-ticket', OcSinceTicket);

declare global {
  interface HTMLElementTagNameMap {
    'oc-since-ticket': OcSinceTicket;
  }
}
