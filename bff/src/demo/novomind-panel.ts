/**
 * The novomind panel of /demo: what novomind's per-ticket storage holds for the ticket (the fields of its
 * context, updated from the changes feed), and buttons that ship or cancel the order in the sandbox so the
 * feed has something to carry. Server-rendered; the external script /demo/novomind-panel.js refreshes it.
 */
import type { DeskTicketView } from './novomind-desk.js';
import { escapeHtml } from './demo-page.js';

export function renderNovomindPanel(
  ticketId: string,
  view: DeskTicketView | null,
  notice: string | null,
): string {
  const rows = Object.entries(view?.fields ?? {})
    .map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const orderId = view?.orderId ?? null;
  const controls =
    orderId === null
      ? ''
      : `<form method="post" action="/demo/tickets/${encodeURIComponent(ticketId)}/orders/${orderId}/ship"><button type="submit">Ship order #${orderId}</button></form>
        <form method="post" action="/demo/tickets/${encodeURIComponent(ticketId)}/orders/${orderId}/cancel"><button type="submit">Cancel order #${orderId}</button></form>`;
  return `<section class="novomind" aria-labelledby="novomind-title" data-ticket="${escapeHtml(ticketId)}">
        <h2 id="novomind-title">novomind ticket storage <small>(s2s API)</small></h2>
        <p class="queue">Queue: <span data-queue>${escapeHtml(view?.queue ?? '—')}</span></p>
        ${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
        <table><tbody data-fields>${rows}</tbody></table>
        <h3>Changes from the feed</h3>
        <ul data-changes aria-live="polite">${(view?.changes ?? []).map(renderChange).join('')}</ul>
        <div class="controls">${controls}</div>
        <p class="hint">The buttons change the order in the sandbox (a merchant shipping or cancelling it); its webhook becomes an order change and the changes feed brings the new fields here.</p>
      </section>`;
}

function renderChange(change: DeskTicketView['changes'][number]): string {
  const status = change.previousStatus ? ` (${change.previousStatus} → ${change.status ?? '?'})` : '';
  return `<li>${escapeHtml(`${change.kind} #${change.orderId}${status}`)}</li>`;
}

export const NOVOMIND_PANEL_CSS = `.novomind{border-top:1px solid #d5dbe1;padding:8px 12px;font-size:12px;max-height:45%;overflow:auto}
.novomind h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#52606d;margin:4px 0}
.novomind h3{font-size:12px;margin:8px 0 2px}
.novomind table{border-collapse:collapse;width:100%}
.novomind th{text-align:left;font-weight:600;color:#52606d;padding:1px 8px 1px 0;white-space:nowrap}
.novomind td{padding:1px 0;word-break:break-all}
.novomind ul{margin:0;padding-left:16px}
.novomind .controls{display:flex;gap:8px;margin-top:8px}
.novomind .notice{background:#fff4d6;padding:4px 8px;border-radius:4px}
.novomind .hint{color:#52606d}
`;

/**
 * Refreshes the panel every two seconds from /demo/tickets/:id/novomind. No innerHTML: every value is text.
 */
export const NOVOMIND_PANEL_JS = `(() => {
  const panel = document.querySelector('section.novomind');
  if (!panel) return;
  const ticket = panel.getAttribute('data-ticket');
  const cell = (tag, text) => { const el = document.createElement(tag); el.textContent = text; return el; };
  async function refresh() {
    try {
      const response = await fetch('/demo/tickets/' + encodeURIComponent(ticket) + '/novomind', { cache: 'no-store' });
      if (!response.ok) return;
      const view = await response.json();
      panel.querySelector('[data-queue]').textContent = view.queue || '—';
      const rows = Object.entries(view.fields).map(([key, value]) => {
        const row = document.createElement('tr');
        const th = cell('th', key); th.scope = 'row';
        row.append(th, cell('td', value));
        return row;
      });
      panel.querySelector('[data-fields]').replaceChildren(...rows);
      panel.querySelector('[data-changes]').replaceChildren(...view.changes.map((c) =>
        cell('li', c.kind + ' #' + c.orderId + (c.previousStatus ? ' (' + c.previousStatus + ' → ' + (c.status || '?') + ')' : ''))));
    } catch { /* the next tick tries again */ }
  }
  setInterval(refresh, 2000);
})();
`;
