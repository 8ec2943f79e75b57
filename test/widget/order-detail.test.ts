import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { OrderDetail } from '../../shared/order.js';
import '../../widget/src/components/order-detail/order-detail.js';
import '../../widget/src/components/order-refunds/order-refunds.js';
import type { OcOrderRefunds } from '../../widget/src/components/order-refunds/order-refunds.js';
import type { OcOrderDetail } from '../../widget/src/components/order-detail/order-detail.js';
import type { I18n } from '../../widget/src/i18n/i18n.js';
import { deep, textOf, until } from './fake-bff.js';
import { bareOrder, clock, de, en, orderDetail } from './fixtures.js';
import { stubClipboard } from './clipboard-stub.js';

function mount(order: OrderDetail, i18n: I18n = en, canNote = false): Promise<OcOrderDetail> {
  return fixture<OcOrderDetail>(
    html`<oc-order-detail
      .order=${order}
      .i18n=${i18n}
      .now=${clock}
      ?can-note=${canNote}
    ></oc-order-detail>`,
  );
}

function section(el: OcOrderDetail, id: string): string {
  return textOf(deep(el, `section[aria-labelledby="${id}-heading"]`));
}

function sectionIds(el: OcOrderDetail): string[] {
  return [...el.shadowRoot!.querySelectorAll('section')].map((s) =>
    s.getAttribute('aria-labelledby')!.replace(/-heading$/, ''),
  );
}

const header = (el: OcOrderDetail) => textOf(deep(el, 'header'));

describe('oc-order-detail', () => {
  it('answers first: number, status, dates, total, payment and shipping method in the header, once', async () => {
    const el = await mount(orderDetail);

    expect(deep(el, 'h2')?.textContent).to.equal('Order #1002');
    expect(deep(el, 'header [data-family="shipped"]')?.textContent).to.equal('Shipped');
    const text = header(el);
    expect(text).to.contain('Ordered 10 days ago');
    expect(text).to.contain('Shipped 9 days ago');
    expect(text).to.contain('Total €129.90');
    expect(text).to.contain('Payment Captured · Credit card');
    expect(text).to.contain('Shipping method DHL Paket');
    const ordered = deep(el, 'header time')!;
    expect(ordered.getAttribute('datetime')).to.equal(orderDetail.dateCreated);
    expect(ordered.getAttribute('title')).to.equal('Feb 20, 2026, 2:31 PM');
  });

  it('puts the shipments right under the header, and a refunded order’s refunds first', async () => {
    const el = await mount(orderDetail);
    expect(sectionIds(el).slice(0, 2)).to.deep.equal(['shipments', 'refunds']);

    const refunded = await mount({
      ...orderDetail,
      status: { id: 4, label: 'Refunded', family: 'refunded' },
    });
    expect(sectionIds(refunded).slice(0, 2)).to.deep.equal(['refunds', 'shipments']);
  });

  it('links a shipment’s tracking by carrier and number, and copies the number', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await mount(orderDetail);

      const tracking = deep<HTMLAnchorElement>(el, 'section[aria-labelledby="shipments-heading"] a')!;
      expect(textOf(tracking)).to.equal('DHL 00340434161094042557 (opens in a new tab)');
      expect(tracking.href).to.equal(orderDetail.shipments[0]!.trackingLink);
      expect(tracking.target).to.equal('_blank');
      expect(tracking.rel).to.contain('noopener');
      expect(section(el, 'shipments')).to.contain('2 × Merino Sweater');

      const copy = deep(el, '.tracking oc-copy-button')!;
      deep<HTMLButtonElement>(copy, 'button')!.click();
      await until(() => clipboard.texts.length === 1, 'the copy');
      expect(clipboard.texts).to.deep.equal(['00340434161094042557']);
      await until(() => textOf(deep(copy, '[role="status"]')) === 'Copied', 'the announcement');
      expect(deep(copy, 'button')!.getAttribute('aria-label')).to.equal('Copy tracking number');
    } finally {
      clipboard.restore();
    }
  });

  it('never renders a tracking link that is not http(s)', async () => {
    const shipment = { ...orderDetail.shipments[0]!, trackingLink: 'javascript:alert(1)' };
    const el = await mount({ ...orderDetail, shipments: [shipment] });

    expect(deep(el, 'section[aria-labelledby="shipments-heading"] a')).to.equal(null);
    expect(section(el, 'shipments')).to.contain('Tracking number: 00340434161094042557');
  });

  it('copies the order number from the header', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await mount(orderDetail);
      deep<HTMLButtonElement>(el, 'header oc-copy-button', 'button')!.click();
      await until(() => clipboard.texts.length === 1, 'the copy');
      expect(clipboard.texts).to.deep.equal(['1002']);
    } finally {
      clipboard.restore();
    }
  });

  it('does not repeat in "Details" the template fields the header already shows', async () => {
    const order: OrderDetail = {
      ...orderDetail,
      fields: [
        { key: 'orderNumber', label: 'Order number', format: 'text', value: 1002 },
        { key: 'status', label: 'Status', format: 'status', value: orderDetail.status },
        { key: 'paymentStatus', label: 'Payment status', format: 'text', value: 'captured' },
        { key: 'total', label: 'Total', format: 'money', value: orderDetail.totals.total },
        { key: 'shippingMethod', label: 'Shipping method', format: 'text', value: 'DHL Paket' },
        { key: 'orderDate', label: 'Order date', format: 'date', value: orderDetail.dateCreated },
        { key: 'trackingNumber', label: 'Tracking number', format: 'text', value: '00340434161094042557' },
        {
          key: 'trackingLink',
          label: 'Tracking link',
          format: 'link',
          value: orderDetail.shipments[0]!.trackingLink,
        },
        { key: 'items', label: 'Items', format: 'number', value: 12500 },
        {
          key: 'portal',
          label: 'Returns portal',
          format: 'link',
          value: 'https://returns.example.com/r/1002',
        },
        { key: 'empty', label: 'Nothing here', format: 'text', value: null },
      ],
    };
    const el = await mount(order);

    const details = section(el, 'details');
    expect(details).to.equal('Details Items 12,500 Returns portal returns.example.com (opens in a new tab)');
    expect(sectionIds(el)).to.include('details');

    const none = await mount({ ...order, fields: order.fields.slice(0, 8) });
    expect(sectionIds(none)).not.to.include('details');
  });

  it('shows transactions in words, each method and gateway named', async () => {
    const el = await mount(orderDetail);

    const text = section(el, 'payment');
    expect(text).to.contain('Purchase · succeeded');
    expect(text).to.contain('Credit card · Stripe · card ending 4242');
    expect(text).to.contain('€129.90');
  });

  it('keeps a code it has no words for in a tooltip, never as the text', async () => {
    const tx = { ...orderDetail.payment.transactions[0]!, gateway: 'zip_pay', event: 'chargeback' };
    const order = { ...orderDetail, payment: { ...orderDetail.payment, transactions: [tx] } };
    const el = await mount(order, de);

    const text = section(el, 'payment');
    expect(text).not.to.contain('zip_pay');
    expect(text).not.to.contain('chargeback');
    expect(deep(el, '[title="zip_pay"]')?.textContent).to.equal('Sonstiges');
    expect(deep(el, '[title="chargeback"]')?.textContent).to.equal('Sonstiges');
  });

  it('breaks the total down with the discount as a minus, coupon codes when known, zero extras left out', async () => {
    const el = await mount(orderDetail);
    const text = section(el, 'totals');
    expect(text).to.contain('Subtotal €119.90');
    expect(text).to.contain('Discount -€5.00');
    expect(text).to.contain('Shipping €4.99');
    expect(text).to.contain('Tax €20.74');
    expect(text).to.contain('Total €129.90');
    expect(text).to.contain('Refunded €24.95');
    expect(text).not.to.contain('Handling');
    expect(text).not.to.contain('Coupon');

    const coupons = [{ code: 'SPRING10', discount: { amount: '5.0000', currency: 'EUR' } }];
    const withCoupon = await mount({ ...orderDetail, coupons }, de);
    expect(section(withCoupon, 'totals')).to.contain('Rabatt -5,00 € Gutschein SPRING10 -5,00 €');
  });

  it('lists line items with SKU, options, quantities, and a return with what we know of its state', async () => {
    const el = await mount(orderDetail);

    const text = section(el, 'items');
    expect(text).to.contain('Merino Sweater €99.90');
    expect(text).to.contain('Colour: Blue, Size: M');
    expect(text).to.contain('SKU MS-BLU-M · 2 × €49.95');
    expect(text).to.contain('2 of 2 shipped');
    expect(text).to.contain('1 refunded');
    expect(text).to.contain('Return #31 · partly refunded');

    const line = { ...orderDetail.lineItems[0]!, quantityRefunded: 0 };
    const open = await mount({ ...orderDetail, lineItems: [line] });
    expect(section(open, 'items')).to.match(/Return #31 · not refunded yet$/);
    const full = await mount(
      { ...orderDetail, lineItems: [{ ...line, quantityRefunded: line.quantity }] },
      de,
    );
    expect(section(full, 'items')).to.match(/Retoure #31 · erstattet$/);
    const openDe = await mount({ ...orderDetail, lineItems: [line] }, de);
    expect(section(openDe, 'items')).to.match(/Retoure #31 · noch nicht erstattet$/);
  });

  it('shows each shipping address with the country in words and a copy button', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await mount(orderDetail, de);

      const text = section(el, 'shipping');
      expect(text).to.contain('Hauptstraße 5');
      expect(text).to.contain('10115 Berlin');
      expect(text).to.contain('Deutschland');
      expect(text).to.contain('3 von 3 Artikeln versandt');
      deep<HTMLButtonElement>(el, '.address oc-copy-button', 'button')!.click();
      await until(() => clipboard.texts.length === 1, 'the copy');
      expect(clipboard.texts[0]).to.equal('Ada Lovelace\nHauptstraße 5\n10115 Berlin\nDeutschland');
    } finally {
      clipboard.restore();
    }
  });

  it('shows the billing address only where it differs from the shipping address', async () => {
    const same = await mount(orderDetail);
    expect(section(same, 'shipping')).to.contain('Billing address: same as shipping.');
    expect(same.shadowRoot!.querySelectorAll('address')).to.have.length(1);

    const billingAddress = { ...orderDetail.billingAddress, street1: 'Alexanderplatz 1', countryIso2: 'DE' };
    const other = await mount({ ...orderDetail, billingAddress });
    expect(section(other, 'shipping')).to.contain('Billing address Ada Lovelace Alexanderplatz 1');
    expect(other.shadowRoot!.querySelectorAll('address')).to.have.length(2);
  });

  it('shows refunds with amount, reason, date and items, their kinds in words', async () => {
    const refund = {
      ...orderDetail.refunds[0]!,
      items: [
        ...orderDetail.refunds[0]!.items,
        { itemType: 'SHIPPING', itemId: 0, quantity: null, amount: null, name: 'Shipping' },
      ],
    };
    const el = await fixture<OcOrderDetail>(
      html`<oc-order-detail .order=${{ ...orderDetail, refunds: [refund] }} .i18n=${de} .now=${clock}>
        <oc-order-refunds slot="refunds" .refunds=${[refund]} .i18n=${de} .now=${clock}></oc-order-refunds>
      </oc-order-detail>`,
    );
    const refunds = el.querySelector<OcOrderRefunds>('oc-order-refunds')!;
    await refunds.updateComplete;

    // The section is the detail's; its rows are the slotted oc-order-refunds' (a chunk of its own).
    const slot = deep(
      el,
      'section[aria-labelledby="refunds-heading"] slot[name="refunds"]',
    ) as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([refunds]);
    const text = textOf(refunds);
    expect(text).to.contain('24,95 €');
    expect(text).to.contain('Grund: Too small');
    expect(text).to.contain('vor 5 Tagen');
    expect(text).to.contain('1 × Merino Sweater');
    expect(text).to.contain('Versand');
    expect(text).not.to.contain('Shipping');
  });

  it('shows staff notes, ours stamped with agent, ticket and time', async () => {
    const el = await mount(orderDetail);

    const text = section(el, 'notes');
    expect(text).to.contain('Customer called about sizing.');
    expect(text).to.contain('jonas.weber · ticket T-100100 · 4 days ago');
    expect(text).to.contain('Exchange promised for size L.');
  });

  it('shows the shopper’s message', async () => {
    const el = await mount(orderDetail);

    expect(section(el, 'message')).to.contain('Please leave at the door.');
  });

  it('says when nothing was shipped or noted, and when records were skipped; no empty refunds', async () => {
    const el = await mount(bareOrder);

    expect(section(el, 'shipments')).to.contain('Nothing shipped yet.');
    expect(sectionIds(el)).not.to.include('refunds');
    expect(section(el, 'notes')).to.contain('No staff notes yet.');
    expect(textOf(el)).to.contain('2 unreadable records are not shown.');
    expect(deep(el, 'a[target="_blank"]')).to.equal(null);
  });

  it('offers "Write a note" (key N) only to agents who may write, and asks for the composer', async () => {
    const reader = await mount(orderDetail);
    expect(textOf(reader)).not.to.contain('Write a note');

    const writer = await mount(orderDetail, en, true);
    const write = [...writer.shadowRoot!.querySelectorAll<HTMLButtonElement>('header button')].find((b) =>
      textOf(b).startsWith('Write a note'),
    )!;
    expect(write.getAttribute('aria-keyshortcuts')).to.equal('N');
    const event = oneEvent(writer, 'oc-compose');
    write.click();
    expect((await event).composed).to.equal(false);
  });

  it('copies a reply in the ticket’s language: tracking for a shipped order, and shows it', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await mount(orderDetail, de);
      const copy = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('header button')].find(
        (b) => textOf(b) === 'Als Antwort kopieren',
      )!;
      copy.click();
      await until(() => clipboard.texts.length === 1, 'the reply on the clipboard');

      expect(clipboard.texts[0]).to.equal(
        'Ihre Bestellung #1002 vom 20.02.2026 wurde am 21.02.2026 versandt.\n' +
          `Paket mit DHL, Sendungsnummer 00340434161094042557: ${orderDetail.shipments[0]!.trackingLink}`,
      );
      const preview = deep(el, 'oc-reply-preview')!;
      await until(() => textOf(preview).startsWith('Antwort kopiert.'), 'the announcement');
      expect(textOf(preview)).to.contain('Paket mit DHL');
      expect(deep(el, 'oc-reply-preview', '[role="status"]')).not.to.equal(null);
    } finally {
      clipboard.restore();
    }
  });

  it('copies a refund confirmation for a refunded order', async () => {
    const clipboard = stubClipboard();
    try {
      const refunded: OrderDetail = {
        ...orderDetail,
        status: { id: 4, label: 'Refunded', family: 'refunded' },
      };
      const el = await mount(refunded);
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('header button')]
        .find((b) => textOf(b) === 'Copy as reply')!
        .click();
      await until(() => clipboard.texts.length === 1, 'the reply on the clipboard');

      expect(clipboard.texts[0]).to.match(/^We have refunded €24\.95 for your order #1002 on Feb 25, 2026\./);
    } finally {
      clipboard.restore();
    }
  });

  it('speaks German: every label we own, numbers and dates', async () => {
    const el = await mount(orderDetail, de);

    const text = textOf(el);
    expect(text).to.contain('Gesamt 129,90 €');
    expect(text).to.contain('Bestellt vor 10 Tagen');
    expect(text).to.contain('Zahlung Eingezogen · Kreditkarte');
    expect(text).to.contain('Kauf · erfolgreich');
    expect(deep(el, 'header [data-family="shipped"]')?.textContent).to.equal('Versandt');
    for (const english of ['Shipped', 'Captured', 'Credit card', 'Purchase', 'Total', 'Order', 'Germany']) {
      expect(text, english).not.to.match(new RegExp(`\\b${english}\\b`));
    }
  });

  it('is accessible, full and bare, in English and German', async () => {
    await expect(await mount(orderDetail, en, true)).to.be.accessible();
    await expect(await mount(bareOrder)).to.be.accessible();
    await expect(await mount(orderDetail, de, true)).to.be.accessible();
  });
});
