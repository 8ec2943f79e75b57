import { expect, fixture, html } from '@open-wc/testing';
import '../../widget/src/components/order-detail/order-detail.js';
import type { OcOrderDetail } from '../../widget/src/components/order-detail/order-detail.js';
import { createI18n } from '../../widget/src/i18n/i18n.js';
import { deep, textOf } from './fake-bff.js';
import { bareOrder, orderDetail } from './fixtures.js';

function section(el: OcOrderDetail, id: string): string {
  return textOf(deep(el, `section[aria-labelledby="${id}-heading"]`));
}

describe('oc-order-detail', () => {
  it('shows status, dates and a link to the order in the BigCommerce control panel', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    expect(deep(el, 'h2')?.textContent).to.equal('Order #1002');
    expect(deep(el, '[data-family="shipped"]')?.textContent).to.equal('Shipped');
    expect(textOf(el)).to.contain('Ordered Feb 20, 2026');
    const link = deep<HTMLAnchorElement>(el, 'a[href*="mybigcommerce"]')!;
    expect(link.href).to.equal(orderDetail.controlPanelUrl);
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
  });

  it('shows template fields that have a value, links by their host, ids without separators', async () => {
    const order = {
      ...orderDetail,
      fields: [
        { key: 'orderNumber', label: 'Order number', format: 'text' as const, value: 4427 },
        { key: 'items', label: 'Items', format: 'number' as const, value: 12500 },
        {
          key: 'tracking',
          label: 'Tracking link',
          format: 'link' as const,
          value: 'https://www.ups.com/track?tracknum=1Z999',
        },
        { key: 'empty', label: 'Nothing here', format: 'text' as const, value: null },
      ],
    };
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${order}></oc-order-detail>`);

    const details = section(el, 'details');
    expect(details).to.contain('Order number 4427');
    expect(details).to.contain('Items 12,500');
    expect(details).not.to.contain('Nothing here');
    const link = deep<HTMLAnchorElement>(el, 'a[href*="ups.com"]')!;
    expect(link.href).to.equal('https://www.ups.com/track?tracknum=1Z999');
    expect(link.textContent).to.contain('www.ups.com');
  });

  it('shows payment status, method and transactions', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'payment');
    expect(text).to.contain('captured');
    expect(text).to.contain('Credit Card');
    expect(text).to.contain('purchase · ok');
    expect(text).to.contain('card ending 4242');
    expect(text).to.contain('€129.90');
  });

  it('breaks the total down, leaving out zero extras', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'totals');
    expect(text).to.contain('Subtotal €119.90');
    expect(text).to.contain('Shipping €4.99');
    expect(text).to.contain('Discount €5.00');
    expect(text).to.contain('Tax €20.74');
    expect(text).to.contain('Total €129.90');
    expect(text).to.contain('Refunded €24.95');
    expect(text).not.to.contain('Handling');
  });

  it('lists line items with SKU, options, quantity × price, shipped and refunded quantities and returns', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'items');
    expect(text).to.contain('Merino Sweater €99.90');
    expect(text).to.contain('Colour: Blue, Size: M');
    expect(text).to.contain('SKU MS-BLU-M · 2 × €49.95');
    expect(text).to.contain('2 of 2 shipped');
    expect(text).to.contain('1 refunded');
    expect(text).to.contain('Return #31');
  });

  it('shows shipping method and address per shipping address', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'shipping');
    expect(text).to.contain('DHL Paket');
    expect(text).to.contain('Hauptstraße 5');
    expect(text).to.contain('10115 Berlin');
    expect(text).to.contain('3 of 3 items shipped');
  });

  it('shows shipments with carrier, date, items and the tracking number linking to the carrier', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'shipments');
    expect(text).to.contain('DHL');
    expect(text).to.contain('Feb 21, 2026');
    expect(text).to.contain('2 × Merino Sweater');
    const tracking = deep<HTMLAnchorElement>(el, 'section[aria-labelledby="shipments-heading"] a')!;
    expect(tracking.textContent).to.contain('00340434161094042557');
    expect(tracking.href).to.equal(orderDetail.shipments[0]!.trackingLink);
    expect(tracking.target).to.equal('_blank');
    expect(tracking.rel).to.contain('noopener');
  });

  it('never renders a tracking link that is not http(s)', async () => {
    const shipment = { ...orderDetail.shipments[0]!, trackingLink: 'javascript:alert(1)' };
    const el = await fixture<OcOrderDetail>(
      html`<oc-order-detail .order=${{ ...orderDetail, shipments: [shipment] }}></oc-order-detail>`,
    );

    expect(deep(el, 'section[aria-labelledby="shipments-heading"] a')).to.equal(null);
    expect(section(el, 'shipments')).to.contain('00340434161094042557');
  });

  it('shows refunds with amount, reason, date and items', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'refunds');
    expect(text).to.contain('€24.95');
    expect(text).to.contain('Reason: Too small');
    expect(text).to.contain('Feb 25, 2026');
    expect(text).to.contain('1 × Merino Sweater');
  });

  it('shows staff notes, ours stamped with agent, ticket and time', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    const text = section(el, 'notes');
    expect(text).to.contain('Customer called about sizing.');
    expect(text).to.contain('jonas.weber · ticket T-100100');
    expect(text).to.contain('Exchange promised for size L.');
  });

  it('shows template fields and the shopper’s message', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);

    expect(section(el, 'details')).to.contain('Payment Paid');
    expect(section(el, 'message')).to.contain('Please leave at the door.');
  });

  it('says when nothing was shipped, refunded or noted, and when records were skipped', async () => {
    const el = await fixture<OcOrderDetail>(html`<oc-order-detail .order=${bareOrder}></oc-order-detail>`);

    expect(section(el, 'shipments')).to.contain('Nothing shipped yet.');
    expect(section(el, 'refunds')).to.contain('No refunds.');
    expect(section(el, 'notes')).to.contain('No staff notes yet.');
    expect(textOf(el)).to.contain('2 unreadable records are not shown.');
    expect(deep(el, 'a[target="_blank"]')).to.equal(null);
  });

  it('speaks German with German number and date formats', async () => {
    const el = await fixture<OcOrderDetail>(
      html`<oc-order-detail .order=${orderDetail} .i18n=${createI18n('de-DE')}></oc-order-detail>`,
    );

    expect(section(el, 'totals')).to.contain('Gesamt 129,90 €');
    expect(textOf(el)).to.contain('Bestellt am 20.02.2026');
  });

  it('is accessible, full and bare', async () => {
    const full = await fixture(html`<oc-order-detail .order=${orderDetail}></oc-order-detail>`);
    const bare = await fixture(html`<oc-order-detail .order=${bareOrder}></oc-order-detail>`);
    await expect(full).to.be.accessible();
    await expect(bare).to.be.accessible();
  });
});
