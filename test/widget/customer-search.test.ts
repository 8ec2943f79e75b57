import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createBffClient } from '../../widget/src/bff-client.js';
import '../../widget/src/components/customer-search/customer-search.js';
import type { OcCustomerSearch } from '../../widget/src/components/customer-search/customer-search.js';
import type { OcLinkEvent } from '../../widget/src/events/link-event.js';
import type { OcSearchToggleEvent } from '../../widget/src/events/search-toggle-event.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import { de, en, errorBody, linkResponse, searchResult } from './fixtures.js';

async function mount(closable = false, i18n = en): Promise<OcCustomerSearch> {
  const client = createBffClient({ baseUrl: window.location.origin });
  return fixture<OcCustomerSearch>(
    html`<oc-customer-search
      .client=${client}
      .session=${'sess_1'}
      .i18n=${i18n}
      ?closable=${closable}
    ></oc-customer-search>`,
  );
}

async function search(el: OcCustomerSearch, query: string): Promise<void> {
  const input = deep<HTMLInputElement>(el, 'input')!;
  input.value = query;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  deep(el, 'button[type="submit"]')!.click();
}

function resultButtons(el: OcCustomerSearch): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('ul.list button')];
}

describe('oc-customer-search', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('starts with a labelled search box and no results', async () => {
    const el = await mount();

    expect(textOf(deep(el, 'label'))).to.equal('Name, email or customer number');
    expect(deep(el, 'form[role="search"]')).not.to.equal(null);
    expect(resultButtons(el)).to.have.length(0);
  });

  it('shows a loading skeleton, then the shoppers found with a link button each', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('GET /api/v1/customers', () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();

    await search(el, 'ada');
    await until(() => deep(el, '.skeleton[role="status"]') !== null, 'the skeleton');
    expect(textOf(deep(el, '.skeleton'))).to.equal('Searching…');
    answer({ status: 200, body: searchResult });
    await until(() => resultButtons(el).length === 2, 'two results');

    expect(bff.log()).to.deep.equal(['GET /api/v1/customers?q=ada']);
    expect(textOf(deep(el, 'ul.list'))).to.contain('Adam Smith adam@example.com Customer #43');
    expect(textOf(resultButtons(el)[1])).to.equal('Link to this ticket : Adam Smith');
  });

  it('says when nothing was found', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: { customers: [] } });
    const el = await mount();

    await search(el, 'zzz');

    await until(() => textOf(el).includes('No shoppers found for “zzz”.'), 'the empty state');
  });

  it('shows an error with a Retry that searches again', async () => {
    bff.on(
      'GET /api/v1/customers',
      { status: 503, body: errorBody('upstream_unavailable', 'corr-s') },
      { status: 200, body: searchResult },
    );
    const el = await mount();

    await search(el, 'ada');
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    expect(textOf(deep(el, 'oc-error-panel'))).to.contain('corr-s');
    deep<HTMLButtonElement>(el, 'oc-error-panel', 'button.primary')!.focus();
    deep(el, 'oc-error-panel', 'button.primary')!.click();

    await until(() => resultButtons(el).length === 2, 'results after retry');
    expect(el.shadowRoot!.activeElement?.id, 'focus back in the search box').to.equal('query');
  });

  it('links the chosen shopper and fires a composed oc-link', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const el = await mount();
    await search(el, 'ada');
    await until(() => resultButtons(el).length === 2, 'results');

    const linked = oneEvent(el, 'oc-link') as unknown as Promise<OcLinkEvent>;
    resultButtons(el)[1]!.click();
    const event = await linked;

    expect(event.link.customerId).to.equal(43);
    expect(event.composed).to.equal(true);
    expect(bff.requests[1]!.body).to.deep.equal({ customerId: 43 });
    expect(bff.requests[1]!.headers.get('Authorization')).to.equal('Bearer sess_1');
  });

  it('offers to link an order by its number', async () => {
    bff.on('POST /api/v1/links', {
      status: 201,
      body: { ...linkResponse, customerId: null, email: 'g@example.net' },
    });
    const el = await mount();
    const input = deep<HTMLInputElement>(el, 'input')!;
    input.value = '#1002';
    input.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;

    const linked = oneEvent(el, 'oc-link');
    [...el.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent?.includes('Link order #1002'))!
      .click();
    await linked;

    expect(bff.requests[0]!.body).to.deep.equal({ orderId: 1002 });
  });

  it('shows a failed link with a Retry that repeats it', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on(
      'POST /api/v1/links',
      { status: 500, body: errorBody('internal_error') },
      { status: 201, body: linkResponse },
    );
    const el = await mount();
    await search(el, 'ada');
    await until(() => resultButtons(el).length === 2, 'results');

    resultButtons(el)[1]!.click();
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    const linked = oneEvent(el, 'oc-link');
    deep(el, 'oc-error-panel', 'button.primary')!.click();
    await linked;

    expect(bff.requests.slice(1).map((r) => r.body)).to.deep.equal([{ customerId: 43 }, { customerId: 43 }]);
  });

  it('keeps focus on the link button pressed while the link is stored, ignoring more presses', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();
    await search(el, 'ada');
    await until(() => resultButtons(el).length === 2, 'results');

    const button = resultButtons(el)[1]!;
    button.focus();
    button.click();
    await until(() => textOf(button).startsWith('Linking…'), 'the linking state');
    resultButtons(el)[0]!.click();

    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(bff.log().filter((line) => line.startsWith('POST'))).to.have.length(1);
    answer({ status: 201, body: linkResponse });
  });

  it('speaks German', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    const el = await mount(true, de);
    expect(textOf(deep(el, 'label'))).to.equal('Name, E-Mail oder Kundennummer');
    await search(el, 'ada');
    await until(() => resultButtons(el).length === 2, 'results');

    expect(textOf(deep(el, 'ul.list'))).to.contain('Adam Smith adam@example.com Kundennr. 43');
    expect(textOf(resultButtons(el)[1])).to.equal('Mit diesem Ticket verknüpfen : Adam Smith');
    await expect(el).to.be.accessible();
  });

  it('can be closed when opened from "Wrong shopper?"', async () => {
    const el = await mount(true);

    const toggled = oneEvent(el, 'oc-search-toggle') as unknown as Promise<OcSearchToggleEvent>;
    deep(el, 'button.link')!.click();

    expect((await toggled).open).to.equal(false);
  });

  it('is accessible, empty and with results', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    const el = await mount(true);
    await expect(el).to.be.accessible();
    await search(el, 'ada');
    await until(() => resultButtons(el).length === 2, 'results');
    await expect(el).to.be.accessible();
  });
});
