/**
 * "Copy as reply": a short text for the agent's answer, in the ticket's language, saying what the shopper asks
 * about most — where the order is (status, shipments with tracking) or their refund. Loaded only when an agent
 * presses the button, so its texts sit here and not in the message tables every session loads.
 */
import type { OrderDetail } from '../../../shared/order.js';
import type { I18n } from '../i18n/i18n.js';

interface ReplyTexts {
  shipped(order: string, ordered: string, shipped: string | null): string;
  partlyShipped(order: string, ordered: string): string;
  parcel(carrier: string, number: string, link: string | null): string;
  refunded(order: string, amount: string, on: string | null, partly: boolean): string;
  cancelled(order: string, ordered: string): string;
  status(order: string, ordered: string, status: string): string;
  willShip: string;
}

const EN: ReplyTexts = {
  shipped: (order, ordered, shipped) =>
    `Your order #${order} of ${ordered} was shipped${shipped ? ` on ${shipped}` : ''}.`,
  partlyShipped: (order, ordered) =>
    `Part of your order #${order} of ${ordered} has been shipped; the rest will follow.`,
  parcel: (carrier, number, link) =>
    `Parcel${carrier ? ` with ${carrier}` : ''}, tracking number ${number}${link ? `: ${link}` : ''}`,
  refunded: (order, amount, on, partly) =>
    `We have refunded ${amount}${partly ? ' of' : ' for'} your order #${order}${on ? ` on ${on}` : ''}. ` +
    'Depending on the payment method, it may take a few days until the amount shows on your account.',
  cancelled: (order, ordered) => `Your order #${order} of ${ordered} has been cancelled.`,
  status: (order, ordered, status) => `Your order #${order} of ${ordered} has the status “${status}”.`,
  willShip: 'We will let you know as soon as it has been shipped.',
};

const DE: ReplyTexts = {
  shipped: (order, ordered, shipped) =>
    `Ihre Bestellung #${order} vom ${ordered} wurde${shipped ? ` am ${shipped}` : ''} versandt.`,
  partlyShipped: (order, ordered) =>
    `Ein Teil Ihrer Bestellung #${order} vom ${ordered} wurde versandt; der Rest folgt.`,
  parcel: (carrier, number, link) =>
    `Paket${carrier ? ` mit ${carrier}` : ''}, Sendungsnummer ${number}${link ? `: ${link}` : ''}`,
  refunded: (order, amount, on, partly) =>
    `Wir haben Ihnen ${partly ? 'von Ihrer' : 'für Ihre'} Bestellung #${order}${on ? ` am ${on}` : ''} ${amount} erstattet. ` +
    'Je nach Zahlungsart kann es einige Tage dauern, bis der Betrag auf Ihrem Konto erscheint.',
  cancelled: (order, ordered) => `Ihre Bestellung #${order} vom ${ordered} wurde storniert.`,
  status: (order, ordered, status) => `Ihre Bestellung #${order} vom ${ordered} hat den Status „${status}“.`,
  willShip: 'Wir melden uns, sobald sie versandt ist.',
};

const TEXTS: Record<string, ReplyTexts> = { en: EN, de: DE };

/** Said (and announced) once the reply is on the clipboard. */
export const REPLY_COPIED: Readonly<Record<string, string>> = {
  en: 'Reply copied. Paste it into your answer.',
  de: 'Antwort kopiert. In die Nachricht einfügen.',
};

/** BigCommerce's "Partially Shipped" and "Partially Refunded" status ids. */
const PARTLY_SHIPPED = 3;
const PARTLY_REFUNDED = 14;

export function composeReply(order: OrderDetail, i18n: I18n): string {
  const texts = TEXTS[i18n.language] ?? EN;
  const id = String(order.id);
  const ordered = i18n.date(order.dateCreated);
  const { family } = order.status;

  if (family === 'refunded' && !/^-?0*(\.0*)?$/.test(order.totals.refunded.amount)) {
    const last = order.refunds
      .map((refund) => refund.dateCreated)
      .sort()
      .at(-1);
    return texts.refunded(
      id,
      i18n.money(order.totals.refunded),
      last ? i18n.date(last) : null,
      order.status.id === PARTLY_REFUNDED,
    );
  }
  if (family === 'cancelled') return texts.cancelled(id, ordered);

  const parcels = order.shipments
    .filter((shipment) => shipment.trackingNumber)
    .map((shipment) =>
      texts.parcel(
        i18n.carrier(shipment.carrier || shipment.shippingMethod),
        shipment.trackingNumber,
        shipment.trackingLink,
      ),
    );
  if (order.shipments.length > 0) {
    const head =
      order.status.id === PARTLY_SHIPPED
        ? texts.partlyShipped(id, ordered)
        : texts.shipped(id, ordered, order.dateShipped ? i18n.date(order.dateShipped) : null);
    return [head, ...parcels].join('\n');
  }
  const status = texts.status(id, ordered, i18n.status(order.status));
  return family === 'awaiting' || family === 'pending' ? `${status} ${texts.willShip}` : status;
}
