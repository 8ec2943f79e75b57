import { expect, fixture, html } from '@open-wc/testing';
import type { OrderDetail } from '../../shared/order.js';
import '../../widget/src/components/reply-preview/reply-preview.js';
import type { OcReplyPreview } from '../../widget/src/components/reply-preview/reply-preview.js';
import { composeReply } from '../../widget/src/reply/compose-reply.js';
import { stubClipboard } from './clipboard-stub.js';
import { deep, textOf } from './fake-bff.js';
import { bareOrder, de, en, orderDetail } from './fixtures.js';

describe('composeReply', () => {
  it('tells a shipped order’s shopper where it is, with every tracking number', () => {
    expect(composeReply(orderDetail, en)).to.equal(
      'Your order #1002 of Feb 20, 2026 was shipped on Feb 21, 2026.\n' +
        `Parcel with DHL, tracking number 00340434161094042557: ${orderDetail.shipments[0]!.trackingLink}`,
    );
  });

  it('says part of the order follows for a partly shipped one', () => {
    const partly = {
      ...orderDetail,
      status: { id: 3, label: 'Partially Shipped', family: 'shipped' as const },
    };
    expect(composeReply(partly, de)).to.match(
      /^Ein Teil Ihrer Bestellung #1002 vom 20\.02\.2026 wurde versandt/,
    );
  });

  it('gives an order not shipped yet its status in our words and a promise to write', () => {
    expect(composeReply(bareOrder, de)).to.equal(
      'Ihre Bestellung #1003 vom 20.02.2026 hat den Status „Wartet auf Bearbeitung“. ' +
        'Wir melden uns, sobald sie versandt ist.',
    );
    const merchants = { ...bareOrder, status: { ...bareOrder.status, label: 'In Bearbeitung' } };
    expect(composeReply(merchants, en)).to.contain('has the status “In Bearbeitung”.');
  });

  it('confirms a refund, fully or partly, with amount and date', () => {
    const refunded: OrderDetail = {
      ...orderDetail,
      status: { id: 14, label: 'Partially Refunded', family: 'refunded' },
    };
    expect(composeReply(refunded, de)).to.match(
      /^Wir haben Ihnen von Ihrer Bestellung #1002 am 25\.02\.2026 24,95\u00a0€ erstattet\. Je nach Zahlungsart/,
    );
  });

  it('says a cancelled order is cancelled', () => {
    const cancelled: OrderDetail = {
      ...bareOrder,
      status: { id: 5, label: 'Cancelled', family: 'cancelled' },
    };
    expect(composeReply(cancelled, en)).to.equal('Your order #1003 of Feb 20, 2026 has been cancelled.');
  });
});

describe('oc-reply-preview', () => {
  async function mount(i18n = en): Promise<OcReplyPreview> {
    return fixture<OcReplyPreview>(
      html`<oc-reply-preview .order=${orderDetail} .i18n=${i18n}></oc-reply-preview>`,
    );
  }

  it('has its live region before the first copy, so the outcome is announced', async () => {
    const el = await mount();
    expect(deep(el, '[role="status"]')?.textContent?.trim()).to.equal('');
  });

  it('copies the reply and shows it', async () => {
    const clipboard = stubClipboard();
    const button = document.createElement('button');
    document.body.append(button);
    try {
      const el = await mount(de);
      await el.copy(button);

      expect(clipboard.texts[0]).to.match(/^Ihre Bestellung #1002/);
      expect(textOf(deep(el, '[role="status"]'))).to.equal('Antwort kopiert. In die Nachricht einfügen.');
      expect(textOf(deep(el, '.reply'))).to.equal(clipboard.texts[0]!.replace('\n', ' '));
      await expect(el).to.be.accessible();
    } finally {
      button.remove();
      clipboard.restore();
    }
  });

  it('selects the reply for Ctrl+C when the clipboard is blocked', async () => {
    const clipboard = stubClipboard({ blocked: true });
    const original = document.execCommand.bind(document);
    document.execCommand = () => false;
    const button = document.createElement('button');
    document.body.append(button);
    try {
      const el = await mount();
      await el.copy(button);

      expect(textOf(deep(el, '[role="status"]'))).to.contain('Copying is blocked here');
      expect(window.getSelection()?.toString()).to.contain('Your order #1002');
    } finally {
      document.execCommand = original;
      button.remove();
      clipboard.restore();
    }
  });
});
