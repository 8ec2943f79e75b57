import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/components/order-list/order-list.js';
import type { OcOrderList } from '../../widget/src/components/order-list/order-list.js';
import { deep, textOf } from './fake-bff.js';
import { clock, de, en, orders, orderSummary } from './fixtures.js';

function rows(el: OcOrderList): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('li > button')];
}

describe('oc-order-list', () => {
  it('lists orders newest first with number, date, status label, total, item count and guest marker', async () => {
    const shuffled = [orders[2]!, orders[0]!, orders[1]!];
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${shuffled} .i18n=${en} .now=${clock}></oc-order-list>`,
    );

    const texts = rows(el).map((row) => textOf(row));
    expect(texts.map((t) => /#(\d+)/.exec(t)?.[1])).to.deep.equal(['1003', '1002', '998']);
    expect(texts[0]).to.contain('3 days ago');
    expect(deep(el, 'li time')!.getAttribute('title')).to.equal('Feb 27, 2026, 8:10 AM');
    expect(texts[0]).to.contain('Awaiting Fulfillment');
    expect(texts[0]).to.contain('€59.50');
    expect(texts[0]).to.contain('1 item');
    expect(texts[1]).to.contain('3 items');
    expect(texts[2]).to.contain('Guest');
    expect(texts[0]).not.to.contain('Guest');
  });

  it('colours the status by family; BigCommerce’s default names in our words, the merchant’s own as they are', async () => {
    const own = orderSummary(999, { status: { id: 9, label: 'Versandbereit', family: 'awaiting' } });
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${[...orders, own]} .i18n=${de} .now=${clock}></oc-order-list>`,
    );

    const badge = deep(el, '[data-family="refunded"]')!;
    expect(badge.textContent).to.equal('Erstattet');
    expect(badge.hasAttribute('title')).to.equal(false);
    expect(getComputedStyle(badge).backgroundColor).to.equal('rgb(241, 232, 255)');
    const merchants = deep(el, '[data-order-id="999"] [data-family="awaiting"]')!;
    expect(merchants.textContent).to.equal('Versandbereit');
    expect(merchants.title, 'the family in words').to.equal('In Bearbeitung');
  });

  it('speaks German with no English label of ours', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} .i18n=${de} .now=${clock}></oc-order-list>`,
    );

    const text = textOf(el);
    expect(text).to.contain('Bestellungen');
    expect(text).to.contain('vor 3 Tagen');
    expect(text).to.contain('Wartet auf Bearbeitung');
    for (const english of ['Orders', 'ago', 'Awaiting', 'Shipped', 'Refunded', 'items', 'Guest']) {
      expect(text, english).not.to.contain(english);
    }
  });

  it('formats totals exactly in the order’s currency and the agent’s locale', async () => {
    const precise = [orderSummary(1, { total: { amount: '1234567.8900', currency: 'CHF' } })];
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${precise} .i18n=${de}></oc-order-list>`,
    );

    expect(textOf(rows(el)[0])).to.contain('1.234.567,89 CHF');
  });

  it('fires oc-order-select on click, Enter and Space', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} .i18n=${en}></oc-order-list>`,
    );
    const selected: number[] = [];
    el.addEventListener('oc-order-select', (event) => selected.push(event.orderId));

    rows(el)[0]!.click();
    rows(el)[1]!.focus();
    await sendKeys({ press: 'Enter' });
    rows(el)[2]!.focus();
    await sendKeys({ press: 'Space' });

    expect(selected).to.deep.equal([1003, 1002, 998]);
  });

  it('shows the pager a long list slots in below its rows, inside the list’s section', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} .i18n=${en}><p id="pager">pager</p></oc-order-list>`,
    );

    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('section > slot')!;
    expect(slot.assignedElements().map((node) => node.id)).to.deep.equal(['pager']);
    expect(slot.previousElementSibling?.classList.contains('rows')).to.equal(true);
  });

  it('shows an empty state when the shopper has no orders', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${[]} .i18n=${en}></oc-order-list>`);

    expect(textOf(el)).to.contain('No orders');
    expect(rows(el)).to.have.length(0);
  });

  it('puts focus on the heading when the row asked for is gone', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} .i18n=${en}></oc-order-list>`,
    );

    await el.focusOrder(4242);

    expect(el.shadowRoot!.activeElement?.id).to.equal('orders-heading');
  });

  it('puts focus back on a given row', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} .i18n=${en}></oc-order-list>`,
    );

    await el.focusOrder(1002);

    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
  });

  it('is accessible, with orders and empty', async () => {
    const full = await fixture(html`<oc-order-list .orders=${orders} .i18n=${en}></oc-order-list>`);
    const empty = await fixture(html`<oc-order-list .orders=${[]} .i18n=${en}></oc-order-list>`);
    const german = await fixture(html`<oc-order-list .orders=${orders} .i18n=${de}></oc-order-list>`);
    await expect(full).to.be.accessible();
    await expect(empty).to.be.accessible();
    await expect(german).to.be.accessible();
  });
});
