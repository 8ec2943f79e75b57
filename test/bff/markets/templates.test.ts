import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ContextResponse, OrderDetail } from '../../../shared/index.js';
import { DEFAULT_TEMPLATE } from '../../../bff/src/context/templates.js';
import { SANDBOX_PERSONAS } from '../../../bff/src/sandbox/index.js';
import { DE_TEMPLATE, startMarkets, type Markets } from './markets-harness.js';

const eu = SANDBOX_PERSONAS.sbx1eu;
const us = SANDBOX_PERSONAS.sbx2us;

async function readContext(markets: Markets, session: string): Promise<ContextResponse> {
  const reply = await markets.get(session, '/api/v1/context');
  assert.equal(reply.status, 200, reply.text);
  return ContextResponse.parse(reply.body);
}

async function readDetail(markets: Markets, session: string, orderId: number): Promise<OrderDetail> {
  const reply = await markets.get(session, `/api/v1/orders/${orderId}`);
  assert.equal(reply.status, 200, reply.text);
  return OrderDetail.parse(reply.body);
}

const labelsOf = (fields: ContextResponse['fields']) => fields.map((field) => [field.key, field.label]);

describe('each market’s field-mapping template', () => {
  let markets: Markets;
  before(async () => {
    markets = await startMarkets();
  });
  after(() => markets.close());

  it('gives the German market its own ticket-context and detail fields, labelled in German', async () => {
    const session = await markets.session({ market: 'de', locale: 'de', email: eu.registered.email });

    const context = await readContext(markets, session);
    const detail = await readDetail(markets, session, eu.orders.refunded);

    assert.deepEqual(context.fields, [
      { key: 'kundennummer', label: 'Kundennummer', format: 'number', value: eu.registered.customerId },
      { key: 'email', label: 'E-Mail', format: 'text', value: eu.registered.email },
    ]);
    assert.deepEqual(detail.fields, [
      { key: 'bestellnummer', label: 'Bestellnummer', format: 'number', value: eu.orders.refunded },
      { key: 'gesamt', label: 'Gesamtbetrag', format: 'money', value: detail.totals.total },
      { key: 'zahlart', label: 'Zahlungsart', format: 'text', value: detail.payment.method },
    ]);
  });

  it('gives the US market other fields from the same kind of data', async () => {
    const session = await markets.session({ market: 'us', email: us.registered.email });

    const context = await readContext(markets, session);
    const detail = await readDetail(markets, session, us.orders.refunded);

    assert.deepEqual(context.fields, [
      {
        key: 'shopper',
        label: 'Shopper',
        format: 'text',
        value: `${us.registered.firstName} ${us.registered.lastName}`,
      },
    ]);
    assert.deepEqual(detail.fields, [
      { key: 'state', label: 'State', format: 'status', value: detail.status },
      { key: 'placed', label: 'Placed', format: 'date', value: detail.dateCreated },
    ]);
    assert.notDeepEqual(
      detail.fields.map((field) => field.key),
      DE_TEMPLATE.order.map((field) => field.key),
    );
  });

  it('labels by the session locale: its language, then English, then the key', async () => {
    const swiss = await markets.session({ market: 'de', locale: 'de-CH', email: eu.registered.email });
    const french = await markets.session({ market: 'de', locale: 'fr-FR', email: eu.registered.email });
    const germanInUs = await markets.session({ market: 'us', locale: 'de-DE', email: us.registered.email });

    assert.deepEqual(labelsOf((await readContext(markets, swiss)).fields), [
      ['kundennummer', 'Kundennummer'],
      ['email', 'E-Mail'],
    ]);
    assert.deepEqual(labelsOf((await readContext(markets, french)).fields), [
      ['kundennummer', 'Customer number'],
      ['email', 'Email'],
    ]);
    assert.deepEqual(labelsOf((await readContext(markets, germanInUs)).fields), [['shopper', 'Shopper']]);
    assert.deepEqual(labelsOf((await readDetail(markets, french, eu.orders.refunded)).fields), [
      ['bestellnummer', 'Order number'],
      ['gesamt', 'Total'],
      ['zahlart', 'zahlart'],
    ]);
  });

  it('uses the built-in template for a market without one', async () => {
    const session = await markets.session({ market: 'uk', locale: 'en-GB', email: eu.registered.email });

    const context = await readContext(markets, session);
    const detail = await readDetail(markets, session, eu.orders.otherChannel);

    assert.deepEqual(
      context.fields.map((field) => field.key),
      DEFAULT_TEMPLATE.customer.map((field) => field.key),
    );
    assert.deepEqual(
      detail.fields.map((field) => field.key),
      DEFAULT_TEMPLATE.order.map((field) => field.key),
    );
  });
});
