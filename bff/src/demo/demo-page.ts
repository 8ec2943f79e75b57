/**
 * The iAGENT-like ticket view of /demo: ticket list, the selected ticket's message, and the real widget in a
 * sidebar iframe. Server-rendered, no inline script (the strict CSP holds here too); every value is escaped.
 */
import { DEMO_FAULT_LABELS, DEMO_FAULTS, type DemoStoreFaultState } from './demo-faults.js';
import type { DemoTicket } from './demo-tickets.js';

const CHANNEL_LABEL: Record<DemoTicket['channel'], string> = { mail: 'Mail', chat: 'Chat', call: 'Call' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function renderTicketLink(ticket: DemoTicket, selected: boolean): string {
  return `<li><a class="ticket${selected ? ' selected' : ''}" href="?ticket=${encodeURIComponent(ticket.id)}"${
    selected ? ' aria-current="page"' : ''
  }>
        <span class="channel channel-${ticket.channel}">${CHANNEL_LABEL[ticket.channel]}</span>
        <span class="ticket-id">${escapeHtml(ticket.id)}</span>
        <span class="subject">${escapeHtml(ticket.subject)}</span>
        <span class="situation">${escapeHtml(ticket.situation)}</span>
      </a></li>`;
}

/** The sandbox's operations corner: the console (its token filled in) and a store breaker, all plain HTML forms. */
function renderOperations(stores: readonly DemoStoreFaultState[], selected: DemoTicket): string {
  const options = stores
    .map(
      (store) =>
        `<option value="${escapeHtml(store.key)}">${escapeHtml(store.label)} (${escapeHtml(store.key)})</option>`,
    )
    .join('');
  const state = stores
    .map(
      (store) =>
        `<li><strong>${escapeHtml(store.key)}</strong>: ${
          store.active.length === 0 ? 'fine' : escapeHtml(store.active.join(', '))
        }</li>`,
    )
    .join('');
  const buttons = DEMO_FAULTS.map(
    (fault) => `<button type="submit" name="fault" value="${fault}">${DEMO_FAULT_LABELS[fault]}</button>`,
  ).join('');
  return `<section class="ops" aria-labelledby="ops-title">
          <h2 id="ops-title">Operations (sandbox)</h2>
          <p><a href="/demo/console" target="_blank" rel="noopener">Open the operations console</a> <small>(admin token filled in)</small></p>
          <form method="post" action="/demo/faults">
            <input type="hidden" name="ticket" value="${escapeHtml(selected.id)}" />
            <label for="fault-store">Break a store</label>
            <select id="fault-store" name="store">${options}</select>
            <div class="fault-buttons">${buttons}</div>
          </form>
          <ul class="faults-now" aria-label="Store faults now">${state}</ul>
        </section>`;
}

/**
 * `novomindPanel`: the novomind side of the ticket (demo/novomind-panel.ts) under the widget; its refresher is
 * an external script, as the CSP requires. `stores`: the sandbox stores the operations corner can break.
 */
export function renderDemoPage(
  tickets: readonly DemoTicket[],
  selected: DemoTicket,
  novomindPanel: string | null = null,
  stores: readonly DemoStoreFaultState[] = [],
): string {
  const paragraphs = selected.message
    .split('\n\n')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(selected.id)} · iAGENT demo desk (sandbox)</title>
    <link rel="stylesheet" href="/demo/demo.css" />${novomindPanel ? '\n    <script src="/demo/novomind-panel.js" defer></script>' : ''}
  </head>
  <body>
    <header class="topbar">
      <span class="brand">iAGENT <small>demo desk</small></span>
      <span class="sandbox-flag" role="note">Sandbox: BigCommerce data is simulated</span>
      <span class="agent">Agent: demo.agent</span>
    </header>
    <main class="desk">
      <nav class="backlog" aria-label="Tickets">
        <h2>Backlog</h2>
        <ul>
          ${tickets.map((ticket) => renderTicketLink(ticket, ticket.id === selected.id)).join('\n          ')}
        </ul>
        ${stores.length > 0 ? renderOperations(stores, selected) : ''}
      </nav>
      <article class="ticket-view" aria-labelledby="ticket-subject">
        <p class="meta"><span class="channel channel-${selected.channel}">${CHANNEL_LABEL[selected.channel]}</span> ${escapeHtml(selected.id)}</p>
        <h1 id="ticket-subject">${escapeHtml(selected.subject)}</h1>
        <p class="from">From: ${escapeHtml(selected.contact)}</p>
        <div class="message">${paragraphs}</div>
        <p class="hint">${escapeHtml(selected.situation)}. The sidebar is the real widget, opened with a freshly signed embed token for this ticket.</p>
      </article>
      <aside class="info-area" aria-label="Info tabs">
        <div class="tabs" role="presentation"><span class="tab active">Orders (BigCommerce)</span><span class="tab">Contact</span></div>
        <iframe title="Order context for ${escapeHtml(selected.id)}" src="/demo/tickets/${encodeURIComponent(selected.id)}/widget"></iframe>
        ${novomindPanel ?? ''}
      </aside>
    </main>
  </body>
</html>
`;
}

export const DEMO_CSS = `*{box-sizing:border-box}
html,body{margin:0;height:100%;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#eef1f4}
.topbar{display:flex;gap:16px;align-items:center;height:44px;padding:0 16px;background:#16324f;color:#fff}
.brand{font-weight:700;letter-spacing:.02em}.brand small{font-weight:400;opacity:.75}
.sandbox-flag{background:#ffd166;color:#3d2c00;border-radius:4px;padding:2px 8px;font-size:12px;font-weight:600}
.agent{margin-left:auto;opacity:.85}
.desk{display:grid;grid-template-columns:300px minmax(280px,1fr) 420px;height:calc(100% - 44px)}
.backlog{background:#fff;border-right:1px solid #d5dbe1;overflow:auto}
.backlog h2{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:#52606d;margin:12px 16px 4px}
.backlog ul{list-style:none;margin:0;padding:0}
.ticket{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;padding:10px 16px;border-bottom:1px solid #eef1f4;color:inherit;text-decoration:none}
.ticket:hover,.ticket:focus-visible{background:#f3f7fb;outline:none}
.ticket.selected{background:#e3eefa;box-shadow:inset 3px 0 #1f6fb2}
.ticket .subject{grid-column:1/-1;font-weight:600}
.ticket .situation{grid-column:1/-1;color:#52606d;font-size:12px}
.ticket-id{color:#52606d;font-size:12px;align-self:center}
.channel{display:inline-block;border-radius:3px;padding:0 6px;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff}
.channel-mail{background:#1f6fb2}.channel-chat{background:#2f855a}.channel-call{background:#9c4221}
.ticket-view{padding:20px 28px;overflow:auto}
.ticket-view h1{font-size:20px;margin:6px 0}
.meta,.from{color:#52606d;margin:0}
.message{background:#fff;border:1px solid #d5dbe1;border-radius:6px;padding:4px 16px;margin:16px 0}
.hint{color:#52606d;font-size:12px}
.info-area{display:flex;flex-direction:column;border-left:1px solid #d5dbe1;background:#fff;min-width:0}
.tabs{display:flex;border-bottom:1px solid #d5dbe1}
.tab{padding:8px 12px;font-size:12px;color:#52606d}
.tab.active{color:#16324f;font-weight:700;box-shadow:inset 0 -2px #1f6fb2}
.info-area iframe{flex:1;width:100%;border:0}
.ops{margin:16px;padding:12px;border:1px solid #d5dbe1;border-radius:6px;background:#f7f9fb;font-size:13px}
.ops h2{margin:0 0 6px}
.ops p{margin:0 0 8px}
.ops form{display:grid;gap:6px}
.ops select,.ops button{font:inherit;padding:3px 8px;border:1px solid #b8c2cc;border-radius:4px;background:#fff;color:#1f2933}
.ops button:hover,.ops button:focus-visible{background:#e3eefa}
.fault-buttons{display:flex;flex-wrap:wrap;gap:6px}
.faults-now{list-style:none;margin:8px 0 0;padding:0;color:#52606d}
`;
