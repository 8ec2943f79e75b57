import { expect } from '@open-wc/testing';
import { ERROR_CATALOG } from '../../shared/errors.js';
import { CLIENT_ERROR_CODES } from '../../widget/src/bff-error.js';
import { loadI18n } from '../../widget/src/i18n/i18n.js';
import { BIGCOMMERCE_STATUS_NAMES } from '../../widget/src/i18n/code-names.js';

const NOW = Date.parse('2026-03-02T10:00:00Z');

describe('loadI18n', () => {
  it('uses the session locale’s language and falls back to English', async () => {
    expect((await loadI18n('de-AT')).language).to.equal('de');
    expect((await loadI18n('de-AT')).locale).to.equal('de-AT');
    expect((await loadI18n('fr-FR')).language).to.equal('en');
    expect((await loadI18n('fr-FR')).locale).to.equal('fr-FR');
    expect((await loadI18n('not a locale!')).locale).to.equal('en');
    expect((await loadI18n(null)).t.orders).to.equal('Orders');
  });

  it('formats decimal-string amounts exactly, without float rounding, and discounts with a minus', async () => {
    const en = await loadI18n('en-US');

    expect(en.money({ amount: '0.1000', currency: 'USD' })).to.equal('$0.10');
    expect(en.money({ amount: '9007199254740993.99', currency: 'USD' })).to.equal(
      '$9,007,199,254,740,993.99',
    );
    expect((await loadI18n('de-DE')).money({ amount: '1234.5000', currency: 'EUR' })).to.equal(
      '1.234,50\u00a0€',
    );
    expect(en.money({ amount: '-5.0000', currency: 'JPY' })).to.equal('-¥5');
    expect(en.minus({ amount: '5.0000', currency: 'EUR' })).to.equal('-€5.00');
    expect(en.minus({ amount: '-5.0000', currency: 'EUR' })).to.equal('-€5.00');
  });

  it('formats dates, ages and relative times in the locale', async () => {
    const de = await loadI18n('de-DE');
    const en = await loadI18n('en');

    expect(de.date('2026-02-20T14:31:00Z')).to.equal('20.02.2026');
    expect(de.ago(30)).to.equal('gerade eben');
    expect(de.ago(150)).to.equal('vor 2 Minuten');
    expect(en.ago(3 * 86_400)).to.equal('3 days ago');
    expect(de.relative('2026-02-27T08:10:00Z', NOW)).to.equal('vor 3 Tagen');
    expect(en.relative('2026-03-01T09:00:00Z', NOW)).to.equal('yesterday');
    expect(de.relative('2025-12-20T10:00:00Z', NOW)).to.equal('vor 2 Monaten');
    expect(en.relative('2024-05-01T10:00:00Z', NOW)).to.equal('2 years ago');
    expect(en.relative('2026-03-02T09:59:40Z', NOW)).to.equal('just now');
    expect(en.relative('not a date', NOW)).to.equal('not a date');
  });

  it('names countries from their ISO code in the session’s language', async () => {
    expect((await loadI18n('de-DE')).country('GB', 'United Kingdom')).to.equal('Vereinigtes Königreich');
    expect((await loadI18n('en')).country('de', 'Deutschland')).to.equal('Germany');
    expect((await loadI18n('en')).country('', 'Atlantis')).to.equal('Atlantis');
    expect((await loadI18n('en')).country('XX', 'Nowhere')).to.equal('Nowhere');
  });

  it('translates BigCommerce’s default status names, and keeps a label the merchant chose', async () => {
    const de = await loadI18n('de-DE');

    expect(de.status({ id: 2, label: 'Shipped' })).to.equal('Versandt');
    expect(de.status({ id: 11, label: 'awaiting fulfillment ' })).to.equal('Wartet auf Bearbeitung');
    expect(de.status({ id: 4, label: '#4' })).to.equal('Erstattet');
    expect(de.status({ id: 11, label: 'In Bearbeitung' })).to.equal('In Bearbeitung');
    expect(de.status({ id: 2, label: 'Completed' })).to.equal('Completed');
    expect((await loadI18n('en-GB')).status({ id: 11, label: 'In Bearbeitung' })).to.equal('In Bearbeitung');
  });

  it('has our words for every status id, status family and BigCommerce payment code in every language', async () => {
    for (const locale of ['en', 'de']) {
      const { t } = await loadI18n(locale);
      expect(t.statusNames, locale).to.have.length(BIGCOMMERCE_STATUS_NAMES.length);
      expect(Object.keys(t.statusFamilies), locale).to.have.length(7);
    }
    const de = await loadI18n('de');
    const statuses = ['authorized', 'captured', 'capture pending', 'declined', 'held for review', 'paid'];
    expect(statuses.map((code) => de.paymentStatus(code).code)).to.deep.equal(statuses.map(() => null));
    const events = ['purchase', 'authorization', 'capture', 'refund', 'void', 'pending', 'settled'];
    expect(events.map((code) => de.transactionEvent(code).text)).to.deep.equal([
      'Kauf',
      'Autorisierung',
      'Einzug',
      'Erstattung',
      'Stornierung',
      'Ausstehend',
      'Abgerechnet',
    ]);
  });

  it('puts payment methods and gateways in words, brands by name, and keeps unknown codes to a tooltip', async () => {
    const de = await loadI18n('de-DE');

    expect(de.payment('credit_card')).to.deep.equal({ text: 'Kreditkarte', code: null });
    expect(de.payment('Credit Card')).to.deep.equal({ text: 'Kreditkarte', code: null });
    expect(de.payment('Cash on Delivery')).to.deep.equal({ text: 'Nachnahme', code: null });
    expect(de.payment('bankdeposit').text).to.equal('Überweisung');
    expect(de.payment('stripe').text).to.equal('Stripe');
    expect(de.payment('adyenv2').text).to.equal('Adyen');
    expect(de.payment('authorizenet').text).to.equal('Authorize.Net');
    expect(de.payment('PayPal Express').text).to.equal('PayPal Express');
    expect(de.payment('zip_pay')).to.deep.equal({ text: 'Sonstiges', code: 'zip_pay' });
    expect(de.payment('Rechnung (Klarna)')).to.deep.equal({ text: 'Rechnung (Klarna)', code: null });
    expect(de.paymentStatus('mystery')).to.deep.equal({ text: 'Sonstiges', code: 'mystery' });
    expect(de.paymentStatus('').text).to.equal('—');
    expect(de.carrier('royalmail')).to.equal('Royal Mail');
    expect(de.carrier('ups')).to.equal('UPS');
    expect(de.carrier('Hermes Germany')).to.equal('Hermes Germany');
  });

  it('has a message for every error code in every language once the error texts are loaded', async () => {
    const codes = [...Object.keys(ERROR_CATALOG), ...CLIENT_ERROR_CODES];
    for (const locale of ['en', 'de']) {
      const i18n = await loadI18n(locale);
      await i18n.loadErrors();
      const missing = codes.filter((code) => (i18n.error(code) ?? `(${code})`).includes(`(${code})`));
      expect(missing, locale).to.deep.equal([]);
    }
    const en = await loadI18n('en');
    expect(en.error('brand_new_code')).to.equal('Something went wrong (brand_new_code).');
  });

  it('knows the errors of an outage before the error texts are loaded', async () => {
    const i18n = await loadI18n('de-CH');

    expect(i18n.error('network_error')).to.contain('nicht erreichbar');
    expect(i18n.error('timeout')).to.contain('nicht rechtzeitig');
  });
});
