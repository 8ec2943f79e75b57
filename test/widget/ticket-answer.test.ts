// Issue 13, the ticket's side of the answer in Chromium: the ticket's order opens at once (or the list says,
// neutrally, that it is not among the shopper's), the list marks it and what changed since the ticket opened,
// the customer card sums the shopper up, and the order says what changed since the ticket opened.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ContextResponse, CustomerSummary } from '../../shared/context.js';
import type { OrderDetail } from '../../shared/order.js';
import type { SessionResponse } from '../../shared/session.js';
import '../../widget/src/order-context.js';
import '../../widget/src/components/customer-card/customer-card.js';
import type { OcOrderContext } from '../../widget/src/order-context.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import * as f from './fixtures.js';

const summary: CustomerSummary = {
  orderCount: 12,
  complete: true,
  windowDays: null,
  lifetimeValue: [
    { amount: '1234.5600', currency: 'EUR' },
    { amount: '46.5000', currency: 'GBP' },
  ],
  customerSince: '2024-05-01T10:00:00Z',
  lastOrder: '2026-02-27T08:10:00Z',
  groupName: 'Wholesale',
};

function script(
  bff: FakeBff,
  session: Partial<SessionResponse>,
  context: Partial<ContextResponse> = {},
  order: OrderDetail = f.orderDetail,
): void {
  bff.on('POST /api/v1/session', { status: 201, body: { ...f.session, ...session } });
  bff.on('GET /api/v1/context', { status: 200, body: { ...f.context, ...context } });
  bff.on('GET /api/v1/orders/1002', { status: 200, body: order });
}

const mount = () =>
  fixture<OcOrderContext>(html`<oc-order-context token="tok_abc" .now=${f.clock}></oc-order-context>`);
const row = (el: Element, id: number) =>
  deep<HTMLButtonElement>(el, 'oc-order-list', `[data-order-id="${id}"]`);
const detailShown = (el: Element) =>
  until(() => deep(el, 'oc-order-detail', 'h2') !== null, 'the order detail');

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('the ticket’s order', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('opens at once, beside the list, leaving focus in the desk; Back shows the list with it marked', async () => {
    script(bff, { order: 1002 });
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();

    const el = await mount();
    await detailShown(el);

    expect(bff.log()).to.have.members([
      'POST /api/v1/session',
      'GET /api/v1/context',
      'GET /api/v1/orders/1002',
    ]);
    expect(textOf(deep(el, 'oc-order-detail', 'h2'))).to.contain('Order #1002');
    expect(document.activeElement).to.equal(outside, 'focus stays where the agent had it');
    await expect(el).to.be.accessible();

    deep(el, '.back')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement() === row(el, 1002), 'focus on the ticket’s order in the list');
    expect(textOf(row(el, 1002))).to.contain('From the ticket');
    expect(textOf(row(el, 1003))).not.to.contain('From the ticket');
    await expect(el).to.be.accessible();
    outside.remove();
  });

  it('says only that it is not among the shopper’s orders when the BFF answers 404, in English and German', async () => {
    for (const [locale, words] of [
      ['en-GB', 'Order #9999 from the ticket is not among these orders.'],
      ['de-DE', '#9999 aus dem Ticket ist keine dieser Bestellungen.'],
    ] as const) {
      script(bff, { order: 9999, locale });
      bff.on('GET /api/v1/orders/9999', { status: 404, body: f.errorBody('order_not_found') });

      const el = await mount();
      await until(() => row(el, 1002) !== null, 'the list');

      const notice = deep(el, 'p[role="status"]');
      expect(textOf(notice).trim()).to.equal(words);
      expect(deep(el, 'oc-error-panel')).to.equal(null, 'no error panel, no correlation ID');
      expect(deep(el, 'oc-order-detail')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('shows a failure other than 404 as an error with Retry in the detail', async () => {
    script(bff, { order: 1002 });
    bff.on('GET /api/v1/orders/1002', { status: 503, body: f.errorBody('upstream_unavailable') });

    const el = await mount();

    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    expect(deep(el, '.back')).not.to.equal(null);
    expect(deep(el, 'p[role="status"]')).to.equal(null);
  });
});

describe('since the ticket opened', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('marks the orders that changed, in the session’s language', async () => {
    for (const [locale, words] of [
      ['en-GB', 'Changed since ticket'],
      ['de-DE', 'Seit Ticket geändert'],
    ] as const) {
      script(bff, { locale }, { changedSinceTicket: [1003] });
      const el = await mount();
      await until(() => row(el, 1003) !== null, 'the list');

      expect(textOf(row(el, 1003))).to.contain(words);
      expect(textOf(row(el, 1002))).not.to.contain(words);
      await expect(el).to.be.accessible();
    }
  });

  it('lists what changed in the order, oldest first, loading its words only then', async () => {
    const order: OrderDetail = {
      ...f.orderDetail,
      sinceTicket: [
        {
          at: '2026-03-01T09:00:00Z',
          kind: 'order.status_changed',
          status: { id: 2, label: 'Shipped', family: 'shipped' },
        },
        { at: '2026-03-01T10:00:00Z', kind: 'shipment.created' },
        { at: '2026-03-02T08:00:00Z', kind: 'note.added', agent: 'jonas.weber' },
        { at: '2026-03-02T09:00:00Z', kind: 'order.archived_in_a_future_version' },
      ],
    };
    for (const [locale, lines] of [
      [
        'en-GB',
        ['Since the ticket opened', 'Status: Shipped', 'Shipment added', 'Staff note', 'by jonas.weber'],
      ],
      [
        'de-DE',
        ['Seit Ticketeingang', 'Status: Versandt', 'Sendung angelegt', 'Mitarbeiternotiz', 'von jonas.weber'],
      ],
    ] as const) {
      script(bff, { locale, order: 1002 }, {}, order);
      const el = await mount();
      await until(() => deep(el, 'oc-since-ticket', 'li') !== null, 'the timeline');

      const since = deep(el, 'oc-since-ticket')!;
      const text = textOf(since);
      for (const line of lines) expect(text, line).to.contain(line);
      expect(since.shadowRoot!.querySelectorAll('li').length).to.equal(3, 'a kind without words is left out');
      expect(text).not.to.contain('archived');
      // Under the shipments: the answer to "where is my order" stays first.
      const shipments = deep(el, 'oc-order-detail', '#shipments-heading')!;
      const slot = deep(el, 'oc-order-detail', 'slot[name="since"]')!;
      expect(shipments.compareDocumentPosition(slot) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      await expect(el).to.be.accessible();
    }
  });

  it('shows no timeline and loads no words for it when nothing changed', async () => {
    script(bff, { order: 1002 });
    const el = await mount();
    await detailShown(el);

    expect(deep(el, 'oc-since-ticket')).to.equal(null);
  });
});

describe('the customer summary', () => {
  const card = (context: Partial<ContextResponse>, i18n = f.en) =>
    fixture(
      html`<oc-customer-card .context=${{ ...f.context, ...context }} .i18n=${i18n}></oc-customer-card>`,
    );

  it('shows orders, lifetime value per currency, customer since and last order with the template’s group', async () => {
    const el = await card({ summary });

    const text = textOf(el).replace(/\s+/g, ' ');
    expect(text).to.contain('Orders 12');
    expect(text).to.contain('Lifetime value €1,234.56 · £46.50');
    expect(text).to.contain('Customer since May 1, 2024');
    expect(text).to.contain('Last order Feb 27, 2026');
    expect(text).to.contain('Customer group Wholesale');
    expect(text).not.to.contain('From the');
    await expect(el).to.be.accessible();
  });

  it('says when the index window limits it, and when it counts only the orders loaded so far', async () => {
    const windowed = textOf(await card({ summary: { ...summary, windowDays: 90 } }));
    expect(windowed).to.contain('From the last 90 days.');

    const partial = textOf(await card({ summary: { ...summary, complete: false, orderCount: 20 } }));
    expect(partial.replace(/\s+/g, ' ')).to.contain('Orders 20+');
    expect(partial).to.contain('From the orders loaded so far.');
  });

  it('speaks German in a German session', async () => {
    const el = await card({ summary: { ...summary, windowDays: 90 } }, f.de);

    const text = textOf(el).replace(/\s+/g, ' ');
    expect(text).to.contain('Bestellungen 12');
    expect(text).to.contain('Umsatz 1.234,56 € · 46,50 £');
    expect(text).to.contain('Kunde seit 01.05.2024');
    expect(text).to.contain('Letzte Bestellung 27.02.2026');
    expect(text).to.contain('Aus den letzten 90 Tagen.');
    for (const english of ['Orders', 'Lifetime', 'Customer since', 'Last order', 'From the']) {
      expect(text, english).not.to.contain(english);
    }
    await expect(el).to.be.accessible();
  });

  it('leaves out what it does not know (a guest without orders has no value or dates)', async () => {
    const el = await card({
      summary: { ...summary, orderCount: 0, lifetimeValue: [], customerSince: null, lastOrder: null },
    });

    const text = textOf(el).replace(/\s+/g, ' ');
    expect(text).to.contain('Orders 0');
    expect(text).not.to.contain('Lifetime value');
    expect(text).not.to.contain('Last order');
  });
});
