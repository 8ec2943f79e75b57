import { expect } from '@open-wc/testing';
import { ERROR_CATALOG } from '../../shared/errors.js';
import { CLIENT_ERROR_CODES } from '../../widget/src/bff-error.js';
import { createI18n } from '../../widget/src/i18n/i18n.js';

describe('createI18n', () => {
  it('uses the session locale’s language and falls back to English', () => {
    expect(createI18n('de-AT').language).to.equal('de');
    expect(createI18n('de-AT').locale).to.equal('de-AT');
    expect(createI18n('fr-FR').language).to.equal('en');
    expect(createI18n('fr-FR').locale).to.equal('fr-FR');
    expect(createI18n('not a locale!').locale).to.equal('en');
    expect(createI18n(null).t.orders).to.equal('Orders');
  });

  it('formats decimal-string amounts exactly, without float rounding', () => {
    const en = createI18n('en-US');

    expect(en.money({ amount: '0.1000', currency: 'USD' })).to.equal('$0.10');
    expect(en.money({ amount: '9007199254740993.99', currency: 'USD' })).to.equal(
      '$9,007,199,254,740,993.99',
    );
    expect(createI18n('de-DE').money({ amount: '1234.5000', currency: 'EUR' })).to.equal('1.234,50\u00a0€');
    expect(en.money({ amount: '-5.0000', currency: 'JPY' })).to.equal('-¥5');
  });

  it('formats dates and relative ages in the locale', () => {
    const de = createI18n('de-DE');

    expect(de.date('2026-02-20T14:31:00Z')).to.equal('20.02.2026');
    expect(de.ago(30)).to.equal('gerade eben');
    expect(de.ago(150)).to.equal('vor 2 Min.');
    expect(createI18n('en').ago(3 * 86_400)).to.equal('3 days ago');
  });

  it('has a message for every error code in every language', () => {
    const codes = [...Object.keys(ERROR_CATALOG), ...CLIENT_ERROR_CODES];
    for (const locale of ['en', 'de']) {
      const i18n = createI18n(locale);
      const missing = codes.filter((code) => i18n.error(code).includes(`(${code})`));
      expect(missing, locale).to.deep.equal([]);
    }
    expect(createI18n('en').error('brand_new_code')).to.equal('Something went wrong (brand_new_code).');
  });
});
