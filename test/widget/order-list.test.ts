import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/components/order-list/order-list.js';
import type { OcOrderList } from '../../widget/src/components/order-list/order-list.js';
import { createI18n } from '../../widget/src/i18n/i18n.js';
import { deep, textOf } from './fake-bff.js';
import { orders, orderSummary } from './fixtures.js';

function rows(el: OcOrderList): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('li > button')];
}

describe('oc-order-list', () => {
  it('lists orders newest first with number, date, status label, total, item count and guest marker', async () => {
    const shuffled = [orders[2]!, orders[0]!, orders[1]!];
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${shuffled}></oc-order-list>`);

    const texts = rows(el).map((row) => textOf(row));
    expect(texts.map((t) => /#(\d+)/.exec(t)?.[1])).to.deep.equal(['1003', '1002', '998']);
    expect(texts[0]).to.contain('Feb 27, 2026');
    expect(texts[0]).to.contain('Awaiting Fulfillment');
    expect(texts[0]).to.contain('€59.50');
    expect(texts[0]).to.contain('1 item');
    expect(texts[1]).to.contain('3 items');
    expect(texts[2]).to.contain('Guest');
    expect(texts[0]).not.to.contain('Guest');
  });

  it('colours the status by family but always prints the merchant’s label', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${orders}></oc-order-list>`);

    const badge = deep(el, '[data-family="refunded"]')!;
    expect(badge.textContent).to.equal('Refunded');
    expect(getComputedStyle(badge).backgroundColor).to.equal('rgb(241, 232, 255)');
  });

  it('formats totals exactly in the order’s currency and the agent’s locale', async () => {
    const precise = [orderSummary(1, { total: { amount: '1234567.8900', currency: 'CHF' } })];
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${precise} .i18n=${createI18n('de-DE')}></oc-order-list>`,
    );

    expect(textOf(rows(el)[0])).to.contain('1.234.567,89 CHF');
  });

  it('fires oc-order-select on click, Enter and Space', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${orders}></oc-order-list>`);
    const selected: number[] = [];
    el.addEventListener('oc-order-select', (event) => selected.push(event.orderId));

    rows(el)[0]!.click();
    rows(el)[1]!.focus();
    await sendKeys({ press: 'Enter' });
    rows(el)[2]!.focus();
    await sendKeys({ press: 'Space' });

    expect(selected).to.deep.equal([1003, 1002, 998]);
  });

  it('offers more orders when there is a next page, and fires oc-load-more', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${orders} has-more></oc-order-list>`);

    const event = oneEvent(el, 'oc-load-more');
    deep(el, '.more')!.click();

    expect((await event).composed).to.equal(false);
  });

  it('shows "Loading more orders…" and disables the button while the next page loads', async () => {
    const el = await fixture<OcOrderList>(
      html`<oc-order-list .orders=${orders} has-more loading-more></oc-order-list>`,
    );

    const more = deep<HTMLButtonElement>(el, '.more')!;
    expect(more.disabled).to.equal(true);
    expect(more.textContent).to.contain('Loading more orders…');
  });

  it('shows an empty state when the shopper has no orders', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${[]}></oc-order-list>`);

    expect(textOf(el)).to.contain('No orders');
    expect(rows(el)).to.have.length(0);
  });

  it('puts focus back on a given row', async () => {
    const el = await fixture<OcOrderList>(html`<oc-order-list .orders=${orders}></oc-order-list>`);

    await el.focusOrder(1002);

    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
  });

  it('is accessible, with orders and empty', async () => {
    const full = await fixture(html`<oc-order-list .orders=${orders} has-more></oc-order-list>`);
    const empty = await fixture(html`<oc-order-list .orders=${[]}></oc-order-list>`);
    await expect(full).to.be.accessible();
    await expect(empty).to.be.accessible();
  });
});
