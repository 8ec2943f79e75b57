import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CustomerSearchResponse } from '../../shared/customers.js';
import { createBffClient } from '../../widget/src/bff-client.js';
import '../../widget/src/components/customer-search/customer-search.js';
import type { OcCustomerSearch } from '../../widget/src/components/customer-search/customer-search.js';
import type { OcLinkEvent } from '../../widget/src/events/link-event.js';
import type { OcLinkUndoEvent } from '../../widget/src/events/link-undo-event.js';
import type { OcSearchToggleEvent } from '../../widget/src/events/search-toggle-event.js';
import type { I18n } from '../../widget/src/i18n/i18n.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import { de, en, errorBody, linkResponse, searchResult } from './fixtures.js';

/** A clock and a sleep the test moves: the undo's minute passes without waiting a minute. */
function fakeTime(start = Date.parse('2026-03-02T10:05:01Z')) {
  let at = start;
  let waiting: { until: number; resolve: () => void }[] = [];
  return {
    start,
    now: () => at,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ until: at + ms, resolve });
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      }),
    advance(ms: number): void {
      at += ms;
      const due = waiting.filter((entry) => entry.until <= at);
      waiting = waiting.filter((entry) => entry.until > at);
      for (const entry of due) entry.resolve();
    },
  };
}

async function mount(
  options: { closable?: boolean; i18n?: I18n; time?: ReturnType<typeof fakeTime> } = {},
): Promise<OcCustomerSearch> {
  const client = createBffClient({ baseUrl: window.location.origin });
  const time = options.time ?? fakeTime();
  return fixture<OcCustomerSearch>(
    html`<oc-customer-search
      .client=${client}
      .session=${'sess_1'}
      .i18n=${options.i18n ?? en}
      .now=${time.now}
      .sleep=${time.sleep}
      ?closable=${options.closable ?? false}
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

function rows(el: OcCustomerSearch): string[] {
  return [...el.shadowRoot!.querySelectorAll('ul.list > li')].map((row) => textOf(row));
}

const active = (el: OcCustomerSearch) => el.shadowRoot!.activeElement as HTMLElement | null;

async function withResults(el: OcCustomerSearch, query = 'oeztuerk'): Promise<void> {
  await search(el, query);
  await until(() => resultButtons(el).length === 3, 'three results');
}

/** Chooses a result (0: Lukas in Hamburg, 1: Lukas in Freiburg, 2: the guest) and waits for its preview. */
async function choose(el: OcCustomerSearch, index: number): Promise<void> {
  resultButtons(el)[index]!.click();
  await until(() => deep(el, '.preview') !== null, 'the preview');
}

async function linkSecond(el: OcCustomerSearch): Promise<OcLinkEvent> {
  await withResults(el);
  await choose(el, 1);
  const linked = oneEvent(el, 'oc-link') as unknown as Promise<OcLinkEvent>;
  deep(el, '.confirm')!.click();
  const event = await linked;
  await until(() => active(el)?.classList.contains('undo') === true, 'focus on Undo');
  return event;
}

describe('oc-customer-search', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('starts with a labelled search box and no results', async () => {
    const el = await mount();

    expect(textOf(deep(el, 'label'))).to.equal('Name, email or order number');
    expect(deep(el, 'form[role="search"]')).not.to.equal(null);
    expect(resultButtons(el)).to.have.length(0);
  });

  it('shows a skeleton, then each shopper with what tells namesakes apart: email, city, orders, last order', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('GET /api/v1/customers', () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();

    await search(el, 'oeztuerk');
    await until(() => deep(el, '.skeleton[role="status"]') !== null, 'the skeleton');
    expect(textOf(deep(el, '.skeleton'))).to.equal('Searching…');
    await until(() => bff.requests.length === 1, 'the request');
    answer({ status: 200, body: searchResult });
    await until(() => resultButtons(el).length === 3, 'three results');

    expect(bff.log()).to.deep.equal(['GET /api/v1/customers?q=oeztuerk']);
    expect(textOf(deep(el, 'p[role="status"]'))).to.equal('3 found');
    const [hamburg, freiburg, guest] = rows(el);
    expect(hamburg).to.contain('Lukas Öztürk Customer #1 lukas.oeztuerk@example.com Hamburg, Germany');
    expect(hamburg).to.contain('11 orders in the last 90 days · last #530 on Nov 20, 2026');
    expect(freiburg).to.contain('lukas.oeztuerk@post.example.nl Freiburg im Breisgau, Germany');
    expect(freiburg).to.contain('1 order in the last 90 days · last #533 on Oct 13, 2026');
    expect(guest).to.contain('Chloé Moreau Guest chloe.moreau@mail.example.de Leipzig, Germany');
    // Each button names its shopper and place: two "Lukas Öztürk" buttons are not alike to a screen reader.
    expect(textOf(resultButtons(el)[1])).to.equal('Choose : Lukas Öztürk, Freiburg im Breisgau, Germany');
  });

  it('says when nothing was found, and what a search without the index cannot find', async () => {
    bff.on('GET /api/v1/customers', {
      status: 200,
      body: { ...searchResult, customers: [], results: [], source: 'live', windowDays: null },
    });
    const el = await mount();

    await search(el, 'ozturk');

    await until(() => textOf(el).includes('No shoppers found for “ozturk”.'), 'the empty state');
    expect(textOf(el)).to.contain('Searched BigCommerce directly: names only with their umlauts');
  });

  it('says when more shoppers match than are shown, and counts orders as “at least” from a full page', async () => {
    const body: CustomerSearchResponse = {
      ...searchResult,
      truncated: true,
      windowDays: null,
      source: 'live',
      results: [{ ...searchResult.results[0]!, orderCount: 50, orderCountPartial: true }],
    };
    bff.on('GET /api/v1/customers', { status: 200, body });
    const el = await mount();

    await search(el, 'lukas');
    await until(() => resultButtons(el).length === 1, 'one result');

    expect(textOf(el)).to.contain('More shoppers match than are shown: narrow the search.');
    expect(rows(el)[0]).to.contain('50+ orders · last #530');
  });

  it('shows an error with a Retry that searches again', async () => {
    bff.on(
      'GET /api/v1/customers',
      { status: 503, body: errorBody('upstream_unavailable', 'corr-s') },
      { status: 200, body: searchResult },
    );
    const el = await mount();

    await search(el, 'oeztuerk');
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    expect(textOf(deep(el, 'oc-error-panel'))).to.contain('corr-s');
    deep<HTMLButtonElement>(el, 'oc-error-panel', 'button.primary')!.focus();
    deep(el, 'oc-error-panel', 'button.primary')!.click();

    await until(() => resultButtons(el).length === 3, 'results after retry');
    expect(active(el)?.id, 'focus back in the search box').to.equal('query');
  });

  it('previews a chosen shopper before anything is stored, with focus on Link', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    const el = await mount();
    await withResults(el);

    await choose(el, 1);

    expect(textOf(deep(el, '#preview-heading'))).to.equal('Link Lukas Öztürk to this ticket?');
    expect(textOf(deep(el, '#preview-facts'))).to.equal(
      'Email lukas.oeztuerk@post.example.nl City Freiburg im Breisgau, Germany ' +
        'Orders 1 order in the last 90 days Last order #533 · Oct 13, 2026 Account Customer #49',
    );
    await until(() => active(el)?.classList.contains('confirm') === true, 'focus on Link');
    expect(active(el)?.getAttribute('aria-describedby')).to.equal('preview-facts');
    expect(bff.log().filter((line) => line.startsWith('POST'))).to.deep.equal([]);
  });

  it('goes back to the results with Cancel or Escape, focus on the shopper chosen', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    const el = await mount();
    await withResults(el);

    await choose(el, 1);
    deep(el, '.cancel')!.click();
    await until(() => active(el) === resultButtons(el)[1], 'focus on the second result');

    await choose(el, 2);
    await until(() => active(el)?.classList.contains('confirm') === true, 'focus on Link');
    await sendKeys({ press: 'Escape' });
    await until(() => active(el) === resultButtons(el)[2], 'focus on the guest');
    expect(deep(el, '.preview')).to.equal(null);
    expect(bff.log().filter((line) => line.startsWith('POST'))).to.deep.equal([]);
  });

  it('links on Link, fires a composed oc-link, and offers Undo with its time, focused', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const time = fakeTime();
    const el = await mount({ time });

    const event = await linkSecond(el);

    expect(event.link.customerId).to.equal(49);
    expect(event.composed).to.equal(true);
    expect(bff.requests.at(-1)!.body).to.deep.equal({ customerId: 49 });
    expect(bff.requests.at(-1)!.headers.get('Authorization')).to.equal('Bearer sess_1');
    const until60 = new Intl.DateTimeFormat(en.locale, { timeStyle: 'medium' }).format(time.start + 60_000);
    expect(textOf(deep(el, 'section.linked'))).to.contain('Linked to this ticket: Lukas Öztürk.');
    expect(textOf(deep(el, '#undo-until'))).to.equal(`possible until ${until60}`);
    expect(textOf(deep(el, '.undo'))).to.equal('Undo : Linked to this ticket: Lukas Öztürk.');
    expect(deep(el, '.countdown')!.textContent).to.equal('60 s left');
  });

  it('links a guest by their last order', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', {
      status: 201,
      body: { ...linkResponse, customerId: null, email: 'chloe.moreau@mail.example.de' },
    });
    const el = await mount();
    await withResults(el);
    await choose(el, 2);

    const linked = oneEvent(el, 'oc-link');
    deep(el, '.confirm')!.click();
    await linked;

    expect(bff.requests.at(-1)!.body).to.deep.equal({ orderId: 496 });
  });

  it('counts the minute down; then the banner goes, and a search opened from the card closes', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const time = fakeTime();
    const el = await mount({ time, closable: true });
    await linkSecond(el);

    time.advance(30_000);
    await until(() => deep(el, '.countdown')?.textContent === '30 s left', 'half the minute');
    const closed = oneEvent(el, 'oc-search-toggle') as unknown as Promise<OcSearchToggleEvent>;
    time.advance(30_000);

    expect((await closed).open).to.equal(false);
    await until(() => deep(el, 'section.linked') === null, 'the banner gone');
  });

  it('undoes within the minute: oc-link-undo with the link restored, focus back in the search box', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const restored = {
      ...linkResponse,
      customerId: 1,
      createdBy: 'bob',
      createdAt: '2026-03-01T08:00:00.000Z',
    };
    delete (restored as { undoUntil?: string }).undoUntil;
    bff.on('POST /api/v1/links/undo', { status: 200, body: { ticket: 'T-100234', link: restored } });
    const el = await mount();
    await linkSecond(el);

    const undone = oneEvent(el, 'oc-link-undo') as unknown as Promise<OcLinkUndoEvent>;
    deep(el, '.undo')!.click();
    const event = await undone;

    expect(event.restored).to.deep.equal(restored);
    expect(event.composed).to.equal(true);
    expect(bff.requests.at(-1)!.body).to.deep.equal({ createdAt: linkResponse.createdAt });
    await until(() => active(el)?.id === 'query', 'focus in the search box');
    expect(textOf(el)).to.contain('The link was undone.');
    expect(resultButtons(el)).to.have.length(3);
  });

  it('says why an undo was refused (the minute passed) and goes back to the search, without a Retry', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    bff.on('POST /api/v1/links/undo', { status: 409, body: errorBody('undo_expired', 'corr-u') });
    const el = await mount();
    await linkSecond(el);

    deep(el, '.undo')!.click();

    await until(() =>
      textOf(deep(el, 'oc-error-panel')).includes('The minute to undo this link has passed.'),
    );
    expect(deep(el, 'section.linked')).to.equal(null);
    expect(deep(el, 'oc-error-panel', 'button.primary')).to.equal(null);
    expect(textOf(deep(el, 'oc-error-panel'))).to.contain('corr-u');
    await until(() => el.shadowRoot!.activeElement?.localName === 'oc-error-panel', 'focus on the refusal');
  });

  it('keeps the banner with a Retry when the undo did not reach the service', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    bff.on('POST /api/v1/links/undo', 'network-error', {
      status: 200,
      body: { ticket: 'T-100234', link: null },
    });
    const el = await mount();
    await linkSecond(el);

    deep(el, '.undo')!.click();
    await until(() => deep(el, 'section.linked oc-error-panel', 'button.primary') !== null, 'a Retry');
    const undone = oneEvent(el, 'oc-link-undo');
    deep(el, 'section.linked oc-error-panel', 'button.primary')!.click();

    await undone;
    expect(bff.log().filter((line) => line === 'POST /api/v1/links/undo')).to.have.length(2);
  });

  it('shows a failed link with a Retry that repeats it', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on(
      'POST /api/v1/links',
      { status: 500, body: errorBody('internal_error') },
      { status: 201, body: linkResponse },
    );
    const el = await mount();
    await withResults(el);
    await choose(el, 1);

    deep(el, '.confirm')!.click();
    await until(() => deep(el, '.preview oc-error-panel') !== null, 'the error panel');
    const linked = oneEvent(el, 'oc-link');
    deep(el, '.preview oc-error-panel', 'button.primary')!.click();
    await linked;

    expect(bff.requests.slice(1).map((r) => r.body)).to.deep.equal([{ customerId: 49 }, { customerId: 49 }]);
  });

  it('keeps focus on Link while the link is stored, ignoring more presses and Cancel', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();
    await withResults(el);
    await choose(el, 1);

    const confirm = deep<HTMLButtonElement>(el, '.confirm')!;
    confirm.focus();
    confirm.click();
    await until(() => textOf(confirm) === 'Linking…', 'the linking state');
    confirm.click();
    deep(el, '.cancel')!.click();
    await until(() => bff.requests.length === 2, 'the link request');

    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    expect(deep(el, '.cancel')!.getAttribute('aria-disabled')).to.equal('true');
    expect(active(el)).to.equal(confirm);
    expect(bff.log().filter((line) => line.startsWith('POST'))).to.have.length(1);
    answer({ status: 201, body: linkResponse });
    await until(() => active(el)?.classList.contains('undo') === true, 'focus on Undo');
  });

  it('speaks German in the results, the preview and the undo banner', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const el = await mount({ closable: true, i18n: de });
    expect(textOf(deep(el, 'label'))).to.equal('Name, E-Mail oder Bestellnummer');
    await withResults(el);

    expect(rows(el)[0]).to.contain(
      'Lukas Öztürk Kundennr. 1 lukas.oeztuerk@example.com Hamburg, Deutschland',
    );
    expect(rows(el)[0]).to.contain('11 Bestellungen in den letzten 90 Tagen · letzte #530 vom 20.11.2026');
    expect(rows(el)[2]).to.contain('Chloé Moreau Gast');
    expect(textOf(resultButtons(el)[1])).to.equal(
      'Auswählen : Lukas Öztürk, Freiburg im Breisgau, Deutschland',
    );
    await expect(el).to.be.accessible();

    await choose(el, 1);
    expect(textOf(deep(el, '#preview-heading'))).to.equal('Lukas Öztürk mit diesem Ticket verknüpfen?');
    expect(textOf(deep(el, '#preview-facts'))).to.equal(
      'E-Mail lukas.oeztuerk@post.example.nl Ort Freiburg im Breisgau, Deutschland ' +
        'Bestellungen 1 Bestellung in den letzten 90 Tagen Letzte Bestellung #533 · 13.10.2026 Konto Kundennr. 49',
    );
    expect(textOf(deep(el, '.actions'))).to.equal('Verknüpfen Abbrechen');
    await expect(el).to.be.accessible();

    deep(el, '.confirm')!.click();
    await until(() => deep(el, 'section.linked') !== null, 'the banner');
    expect(textOf(deep(el, 'section.linked'))).to.contain('Mit diesem Ticket verknüpft: Lukas Öztürk.');
    expect(textOf(deep(el, '#undo-until'))).to.match(/^möglich bis \d{2}:\d{2}:\d{2}$/);
    expect(deep(el, '.countdown')!.textContent).to.equal('noch 60 s');
    expect(textOf(deep(el, 'button.link'))).to.equal('Suche schließen');
    await expect(el).to.be.accessible();
  });

  it('can be closed when opened from "Wrong shopper?"', async () => {
    const el = await mount({ closable: true });

    const toggled = oneEvent(el, 'oc-search-toggle') as unknown as Promise<OcSearchToggleEvent>;
    deep(el, 'button.link')!.click();

    expect((await toggled).open).to.equal(false);
  });

  it('is accessible: empty, with results, previewing, and linked', async () => {
    bff.on('GET /api/v1/customers', { status: 200, body: searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: linkResponse });
    const el = await mount({ closable: true });
    await expect(el).to.be.accessible();
    await withResults(el);
    await expect(el).to.be.accessible();
    await choose(el, 0);
    await expect(el).to.be.accessible();
    deep(el, '.confirm')!.click();
    await until(() => deep(el, 'section.linked') !== null, 'the banner');
    await expect(el).to.be.accessible();
  });
});
