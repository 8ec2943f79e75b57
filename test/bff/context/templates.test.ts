import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, FieldTemplate, OrderDetail } from '../../../shared/index.js';
import {
  applyTemplate,
  DEFAULT_TEMPLATE,
  pickLabel,
  resolvePath,
} from '../../../bff/src/context/templates.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { startProduct, type Product } from './product-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;

describe('field templates', () => {
  it('ships a default template that the shared schema accepts, labelled in English and German', () => {
    const template = FieldTemplate.parse(DEFAULT_TEMPLATE);

    for (const field of [...template.customer, ...template.order]) {
      assert.ok(field.label.en && field.label.de, field.key);
    }
  });

  it('picks the label for the exact locale, then its language, then English, then the key', () => {
    const labels = { en: 'Total', de: 'Summe', 'de-CH': 'Total CHF' };

    assert.equal(pickLabel(labels, 'de-CH', 'total'), 'Total CHF');
    assert.equal(pickLabel(labels, 'de-at', 'total'), 'Summe');
    assert.equal(pickLabel(labels, 'fr-FR', 'total'), 'Total');
    assert.equal(pickLabel({}, 'fr-FR', 'total'), 'total');
  });

  it('resolves dotted paths with list indices, and nothing from prototypes', () => {
    const view = {
      totals: { total: { amount: '1.00', currency: 'EUR' } },
      shipments: [{ trackingNumber: 'T1' }],
    };

    assert.deepEqual(resolvePath(view, 'totals.total'), { amount: '1.00', currency: 'EUR' });
    assert.equal(resolvePath(view, 'shipments.0.trackingNumber'), 'T1');
    assert.equal(resolvePath(view, 'shipments.1.trackingNumber'), undefined);
    assert.equal(resolvePath(view, 'constructor'), undefined);
    assert.equal(resolvePath(view, 'totals.__proto__'), undefined);
  });

  it('shows objects without a single value and empty text as null', () => {
    const fields = applyTemplate(
      [
        { key: 'a', source: 'list', label: { en: 'A' }, format: 'text' },
        { key: 'b', source: 'empty', label: { en: 'B' }, format: 'text' },
        { key: 'c', source: 'flag', label: { en: 'C' }, format: 'text' },
      ],
      'en',
      { list: [1, 2], empty: '', flag: true },
    );

    assert.deepEqual(
      fields.map((field) => field.value),
      [null, null, 'true'],
    );
  });
});

describe('a market’s own template', () => {
  const template: FieldTemplate = {
    customer: [{ key: 'shopper', source: 'email', label: { en: 'Shopper', de: 'Kunde' }, format: 'text' }],
    order: [
      { key: 'paid', source: 'payment.method', label: { en: 'Paid with' }, format: 'text' },
      { key: 'firstItem', source: 'lineItems.0.name', label: { en: 'First item' }, format: 'text' },
    ],
  };
  let product: Product;
  before(async () => {
    product = await startProduct({ template });
  });
  after(() => product.close());

  it('replaces the default fields of the context and the order detail', async () => {
    const session = await product.openSession({ email: eu.registered.email, market: 'de', locale: 'de' });

    const context = ContextResponse.parse((await product.get(session, '/api/v1/context')).body);
    const detail = OrderDetail.parse(
      (await product.get(session, `/api/v1/orders/${eu.orders.refunded}`)).body,
    );

    assert.deepEqual(context.fields, [
      { key: 'shopper', label: 'Kunde', format: 'text', value: eu.registered.email },
    ]);
    assert.deepEqual(
      detail.fields.map((field) => [field.key, field.label, field.value]),
      [
        ['paid', 'Paid with', detail.payment.method],
        ['firstItem', 'First item', detail.lineItems[0]?.name],
      ],
    );
  });
});
