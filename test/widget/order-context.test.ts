import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ContextResponse } from '../../shared/context.js';
import type { SessionResponse } from '../../shared/session.js';
import '../../widget/src/order-context.js';
import type { OcOrderContext } from '../../widget/src/order-context.js';
import type { OcNoteWrittenEvent } from '../../widget/src/events/note-written-event.js';
import { OcSearchToggleEvent } from '../../widget/src/events/search-toggle-event.js';
import type { Sleep } from '../../widget/src/time.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import * as f from './fixtures.js';

const instantSleep: Sleep = async () => {};

interface Script {
  session?: Partial<SessionResponse>;
  context?: ContextResponse;
}

/** Scripts the happy path of a ticket: a session, the context and order 1002. */
function scriptTicket(bff: FakeBff, script: Script = {}): void {
  bff.on('POST /api/v1/session', { status: 201, body: { ...f.session, ...script.session } });
  bff.on('GET /api/v1/context', { status: 200, body: script.context ?? f.context });
  bff.on('GET /api/v1/orders/1002', { status: 200, body: f.orderDetail });
}

async function mount(token = 'tok_abc'): Promise<OcOrderContext> {
  return fixture<OcOrderContext>(
    html`<oc-order-context token=${token} .sleep=${instantSleep} .now=${f.clock}></oc-order-context>`,
  );
}

/** The error panel's text arrives with the errors chunk, a moment after the panel. */
const errorSays = (el: Element, text: string) =>
  until(() => textOf(deep(el, 'oc-error-panel')).includes(text), `the error text "${text}"`);

/** The composer is loaded when the agent first asks to write: the placeholder under the staff notes. */
async function openComposer(el: Element): Promise<HTMLElement> {
  deep(el, '.compose')!.click();
  await until(() => deep(el, 'oc-note-composer', 'textarea') !== null, 'the note composer');
  return deep(el, 'oc-note-composer')!;
}

const orderRow = (el: Element, id: number) =>
  deep<HTMLButtonElement>(el, 'oc-order-list', `[data-order-id="${id}"]`);
const loaded = (el: Element) => until(() => orderRow(el, 1002) !== null, 'the order list');
const detailShown = (el: Element) =>
  until(() => deep(el, 'oc-order-detail', 'h2') !== null, 'the order detail');

/** Types a query into the shopper search (its chunk loaded) and waits for the results. */
async function searchFor(el: Element, query: string): Promise<HTMLElement> {
  const search = deep(el, 'oc-customer-search')!;
  await until(() => deep(search, 'input') !== null, 'the search, loaded');
  const input = deep<HTMLInputElement>(search, 'input')!;
  input.value = query;
  input.dispatchEvent(new InputEvent('input'));
  await (search as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  deep(search, 'button[type="submit"]')!.click();
  await until(() => deep(search, 'ul.list button') !== null, 'results');
  return search;
}

/** The element focused inside nested shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('oc-order-context', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('opens a session with the token, then shows the shopper and their orders', async () => {
    scriptTicket(bff);
    const el = await mount();

    await loaded(el);

    expect(bff.log()).to.deep.equal(['POST /api/v1/session', 'GET /api/v1/context']);
    expect(bff.requests[0]!.body).to.deep.equal({ token: 'tok_abc' });
    expect(bff.requests[1]!.headers.get('Authorization')).to.equal(`Bearer ${f.session.session}`);
    expect(bff.requests.every((r) => r.origin === window.location.origin)).to.equal(true);
    expect(textOf(deep(el, 'oc-customer-card', 'h2'))).to.contain('Ada Lovelace');
    expect(textOf(el)).to.contain('as of 2 minutes ago');
  });

  it('on its own page, takes the token from ?token= and removes it from the address bar', async () => {
    scriptTicket(bff);
    const before = window.location.href;
    // The widget's own page is the directory its module was served from (in the bundle: /widget/).
    const ownPage = new URL('./', new URL('../../widget/src/widget-page.ts', import.meta.url)).pathname;
    window.history.replaceState(null, '', `${ownPage}?token=tok_url&x=1`);
    try {
      const el = await fixture<OcOrderContext>(html`<oc-order-context></oc-order-context>`);
      await loaded(el);

      expect(bff.requests[0]!.body).to.deep.equal({ token: 'tok_url' });
      expect(window.location.search).to.equal('?x=1');
    } finally {
      window.history.replaceState(null, '', before);
    }
  });

  it('as a custom element in a host page, never reads or strips the host’s ?token=', async () => {
    scriptTicket(bff);
    const before = window.location.href;
    window.history.replaceState(null, '', `/desk/ticket?token=host_secret&x=1`);
    try {
      const bare = await fixture<OcOrderContext>(html`<oc-order-context></oc-order-context>`);
      await errorSays(bare, 'No ticket token was given; reopen the ticket.');
      expect(bff.requests).to.have.length(0);

      const el = await mount('tok_attr');
      await loaded(el);

      expect(bff.requests[0]!.body).to.deep.equal({ token: 'tok_attr' });
      expect(window.location.search).to.equal('?token=host_secret&x=1');
    } finally {
      window.history.replaceState(null, '', before);
    }
  });

  it('takes the token from the `token` property as well as the attribute', async () => {
    scriptTicket(bff);
    const el = document.createElement('oc-order-context');
    el.sleep = instantSleep;
    el.token = 'tok_prop';
    document.body.append(el);
    try {
      await loaded(el);
      expect(bff.requests[0]!.body).to.deep.equal({ token: 'tok_prop' });
    } finally {
      el.remove();
    }
  });

  it('calls the BFF named by api-base', async () => {
    bff.on('POST /api/v1/session', 'network-error');
    const el = await fixture<OcOrderContext>(
      html`<oc-order-context token="t" api-base="https://orders.example.com"></oc-order-context>`,
    );

    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');

    expect(bff.requests[0]!.origin).to.equal('https://orders.example.com');
  });

  it('shows a loading skeleton while the session opens and while the context loads', async () => {
    let openSession: (reply: { status: number; body: unknown }) => void = () => {};
    let sendContext: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('POST /api/v1/session', () => new Promise((resolve) => (openSession = resolve)));
    bff.on('GET /api/v1/context', () => new Promise((resolve) => (sendContext = resolve)));
    const el = await mount();

    // Before the session names a language there are no words to say it in: lines only.
    expect(deep(el, '.skeleton[role="status"]')).not.to.equal(null);
    openSession({ status: 201, body: f.session });
    await until(() => textOf(deep(el, '.skeleton')) === 'Loading shopper and orders…', 'context skeleton');
    sendContext({ status: 200, body: f.context });
    await loaded(el);
  });

  it('says the token was already used, with the correlation ID and no Retry', async () => {
    bff.on('POST /api/v1/session', { status: 401, body: f.errorBody('token_replayed', 'corr-tok') });
    const el = await mount();

    await errorSays(el, 'The ticket link was already used; reopen the ticket.');

    const panel = deep(el, 'oc-error-panel')!;
    expect(textOf(panel)).to.contain('corr-tok');
    expect(deep(panel, 'button.primary')).to.equal(null);
  });

  it('says so when there is no token at all', async () => {
    const el = await fixture<OcOrderContext>(html`<oc-order-context></oc-order-context>`);

    await errorSays(el, 'No ticket token was given; reopen the ticket.');
    expect(bff.requests).to.have.length(0);
  });

  it('shows a context error with its correlation ID, and Retry loads again', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/context',
      { status: 503, body: f.errorBody('upstream_unavailable', 'corr-ctx') },
      { status: 200, body: f.context },
    );
    const el = await mount();

    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    expect(textOf(deep(el, 'oc-error-panel'))).to.contain('corr-ctx');
    deep(el, 'oc-error-panel', 'button.primary')!.click();

    await loaded(el);
  });

  it('tells the agent to reopen the ticket when the session has expired', async () => {
    scriptTicket(bff);
    bff.on('GET /api/v1/context', { status: 401, body: f.errorBody('session_invalid') });
    const el = await mount();

    await errorSays(el, 'Your session has expired; reopen the ticket.');
  });

  it('speaks the session’s language and labels a sandbox', async () => {
    scriptTicket(bff, { session: { locale: 'de-DE', sandbox: true } });
    const el = await mount();

    await loaded(el);

    expect(textOf(el)).to.contain('Sandbox');
    expect(textOf(deep(el, 'oc-order-list', 'h2'))).to.equal('Bestellungen');
    expect(textOf(orderRow(el, 1002))).to.contain('129,90 €');
    expect(deep(el, '.widget')!.getAttribute('lang')).to.equal('de');
  });

  it('refreshes with refresh=1 and shows the stale marker when the BFF serves an old copy', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/context',
      { status: 200, body: f.context },
      { status: 200, body: { ...f.context, freshness: { ...f.freshness, stale: true } } },
    );
    const el = await mount();
    await loaded(el);

    deep(el, 'oc-freshness-label', 'button')!.click();

    await until(() => textOf(deep(el, 'oc-freshness-label')).includes('Out of date'), 'the stale marker');
    expect(bff.log()).to.deep.equal([
      'POST /api/v1/session',
      'GET /api/v1/context',
      'GET /api/v1/context?refresh=1',
    ]);
  });

  it('pages a long list in place: older replaces the rows with the next page, newer goes back', async () => {
    scriptTicket(bff);
    const older = [f.orderSummary(900, { dateCreated: '2025-12-01T10:00:00Z' })];
    bff.on(
      'GET /api/v1/context',
      {
        status: 200,
        body: { ...f.context, nextCursor: 'page-2', count: { total: 23, matching: null, windowDays: null } },
      },
      { status: 200, body: { ...f.context, orders: older, nextCursor: null } },
      { status: 200, body: { ...f.context, nextCursor: 'page-2' } },
    );
    const el = await mount();
    await loaded(el);
    await until(() => deep(el, 'oc-order-history', '[data-page="older"]') !== null, 'the pager (its chunk)');
    expect(textOf(deep(el, 'oc-order-history', '[role="status"]'))).to.equal('23 orders');

    deep(el, 'oc-order-history', '[data-page="older"]')!.click();
    await until(() => orderRow(el, 900) !== null, 'the next page');

    expect(bff.log().at(-1)).to.equal('GET /api/v1/context?cursor=page-2');
    expect(orderRow(el, 1002), 'the first page’s rows are gone').to.equal(null);
    expect(textOf(deep(el, 'oc-order-history'))).to.contain('Page 2');
    expect(deep(el, 'oc-order-history', '[data-page="older"]')!.getAttribute('aria-disabled')).to.equal(
      'true',
    );

    deep(el, 'oc-order-history', '[data-page="newer"]')!.click();
    await loaded(el);

    expect(bff.log().at(-1)).to.equal('GET /api/v1/context');
    expect(orderRow(el, 900)).to.equal(null);
    expect(textOf(deep(el, 'oc-order-history'))).to.contain('Page 1');
  });

  it('a list that may continue (past the index’s window) offers a plain “Older orders” that pages on', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/context',
      {
        status: 200,
        body: {
          ...f.context,
          nextCursor: 'past-window',
          count: { total: 3, matching: null, windowDays: 90 },
        },
      },
      {
        status: 200,
        body: {
          ...f.context,
          orders: [f.orderSummary(700, { dateCreated: '2025-01-01T10:00:00Z' })],
          nextCursor: null,
        },
      },
    );
    const el = await mount();
    await loaded(el);
    expect(el.shadowRoot!.querySelector('oc-order-history'), 'no pager chunk yet').to.equal(null);
    const more = deep<HTMLButtonElement>(el, 'oc-order-list .more')!;
    expect(textOf(more)).to.equal('Older orders');
    more.focus();

    await sendKeys({ press: 'Enter' });

    await until(() => deepActiveElement() === orderRow(el, 700), 'focus on the older order');
    expect(bff.log().at(-1)).to.equal('GET /api/v1/context?cursor=past-window');
    expect(textOf(deep(el, 'oc-order-history'))).to.contain('Page 2');
  });

  it('a short list loads no pager or filter chunk', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);

    expect(deep(el, 'oc-order-list', 'slot')).not.to.equal(null);
    expect(el.shadowRoot!.querySelector('oc-order-history')).to.equal(null);
  });

  it('filters by number in one step: the form loads when opened, the BFF answers, focus on the order found', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/context',
      {
        status: 200,
        body: { ...f.context, nextCursor: 'page-2', count: { total: 320, matching: null, windowDays: null } },
      },
      {
        status: 200,
        body: { ...f.context, orders: [f.orders[1]!], count: { total: 320, matching: 1, windowDays: null } },
      },
    );
    const el = await mount();
    await loaded(el);
    await until(() => deep(el, 'oc-order-history', '.link') !== null, 'the filter toggle');
    const toggle = deep<HTMLButtonElement>(el, 'oc-order-history', '.link')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.focus();

    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement()?.getAttribute('name') === 'number', 'focus in the number field');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ type: '#1002' });
    await sendKeys({ press: 'Enter' });

    await until(() => deepActiveElement() === orderRow(el, 1002), 'focus on the order found');
    expect(bff.log().at(-1)).to.equal('GET /api/v1/context?number=%231002');
    expect(orderRow(el, 1003)).to.equal(null);
    expect(textOf(deep(el, 'oc-order-history', '[role="status"]'))).to.equal(
      '1 of 320 orders match the filter',
    );
    expect(textOf(toggle)).to.equal('Filter orders (on)');
    await expect(el).to.be.accessible();
  });

  it('filters by status and days, and clears the filter again', async () => {
    scriptTicket(bff);
    bff.on('GET /api/v1/context', {
      status: 200,
      body: { ...f.context, nextCursor: 'page-2', count: { total: 320, matching: null, windowDays: null } },
    });
    const el = await mount();
    await loaded(el);
    await until(() => deep(el, 'oc-order-history', '.link') !== null, 'the filter toggle');
    deep(el, 'oc-order-history', '.link')!.click();
    await until(() => deep(el, 'oc-order-history', 'oc-order-filter', 'form') !== null, 'the filter form');
    const form = deep<HTMLFormElement>(el, 'oc-order-history', 'oc-order-filter', 'form')!;
    (form.elements.namedItem('status') as HTMLSelectElement).value = '4';
    (form.elements.namedItem('from') as HTMLInputElement).value = '2026-03-01';
    (form.elements.namedItem('to') as HTMLInputElement).value = '2026-05-31';

    form.requestSubmit();
    await until(() => bff.log().length === 3, 'the filtered list');
    expect(bff.log().at(-1)).to.equal('GET /api/v1/context?status=4&from=2026-03-01&to=2026-05-31');

    deep<HTMLButtonElement>(el, 'oc-order-history', 'oc-order-filter', 'button[type="button"]')!.click();
    await until(() => bff.log().length === 4, 'the list without a filter');
    expect(bff.log().at(-1)).to.equal('GET /api/v1/context');
  });

  it('shows the pager and filter in German, counting the index’s window', async () => {
    scriptTicket(bff, { session: { locale: 'de-DE' } });
    bff.on('GET /api/v1/context', {
      status: 200,
      body: { ...f.context, nextCursor: 'page-2', count: { total: 1280, matching: null, windowDays: 90 } },
    });
    const el = await mount();
    await loaded(el);
    await until(() => deep(el, 'oc-order-history', '.link') !== null, 'the pager');
    deep(el, 'oc-order-history', '.link')!.click();
    await until(() => deep(el, 'oc-order-history', 'oc-order-filter', 'form') !== null, 'the filter form');

    const text = `${textOf(deep(el, 'oc-order-history'))} ${textOf(deep(el, 'oc-order-history', 'oc-order-filter'))}`;
    expect(text).to.contain('1.280 Bestellungen (letzte 90 Tage)');
    expect(text).to.contain('Ältere Bestellungen');
    expect(text).to.contain('Seite 1');
    expect(text).to.contain('Bestellnummer');
    expect(text).to.contain('Erstattet');
    for (const english of [
      'Order',
      'Newer',
      'Older',
      'Page',
      'Filter orders',
      'Refunded',
      'Apply',
      'Clear',
    ]) {
      expect(text, english).not.to.contain(english);
    }
    await expect(el).to.be.accessible();
  });

  it('opens an order with Enter, and Escape returns to the list with focus on that order', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.focus();

    await sendKeys({ press: 'Enter' });
    await detailShown(el);
    expect(bff.log().at(-1)).to.equal('GET /api/v1/orders/1002');
    expect(bff.requests.at(-1)!.headers.get('Authorization')).to.equal(`Bearer ${f.session.session}`);
    await until(() => deepActiveElement()?.id === 'order-heading', 'focus on the order heading');

    const back = oneEvent(el, 'oc-back');
    await sendKeys({ press: 'Escape' });
    expect((await back).composed).to.equal(true);
    await until(() => deepActiveElement() === orderRow(el, 1002), 'focus back on the row');
  });

  it('keeps the list’s scroll position across a visit to an order', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      f.orderSummary(2000 - i, {
        dateCreated: new Date(Date.UTC(2026, 1, 28) - i * 86_400_000).toISOString(),
      }),
    );
    scriptTicket(bff, { context: { ...f.context, orders: many } });
    bff.on('GET /api/v1/orders/1980', { status: 200, body: { ...f.orderDetail, id: 1980 } });
    const el = await mount();
    await until(() => orderRow(el, 1980) !== null, 'the long list');
    orderRow(el, 1980)!.scrollIntoView({ block: 'center' });
    const scrolled = window.scrollY;
    expect(scrolled).to.be.greaterThan(200);

    orderRow(el, 1980)!.click();
    await detailShown(el);
    deep(el, '.back')!.click();

    await until(() => deepActiveElement() === orderRow(el, 1980), 'focus back on the row');
    expect(Math.abs(window.scrollY - scrolled)).to.be.lessThan(2);
    window.scrollTo(0, 0);
  });

  it('fits a 320 px sidebar without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      scriptTicket(bff);
      const el = await mount();
      await loaded(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);

      orderRow(el, 1002)!.click();
      await detailShown(el);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('takes its theme from --oc-* custom properties set by the host page', async () => {
    scriptTicket(bff);
    const el = await fixture<OcOrderContext>(
      html`<oc-order-context
        token="t"
        style="--oc-color-accent: rgb(200, 0, 100); --oc-font-family: serif"
      ></oc-order-context>`,
    );
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);

    const composer = await openComposer(el);
    const send = deep(composer, 'button[type="submit"]')!;
    expect(getComputedStyle(send).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(deep(el, 'oc-order-detail', 'h2')!).fontFamily).to.equal('serif');
  });

  it('goes back with the Back button', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);

    deep(el, '.back')!.click();

    await loaded(el);
    expect(deep(el, 'oc-order-detail')).to.equal(null);
  });

  it('shows an order error with Retry, and keeps Back available', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/orders/1002',
      { status: 404, body: f.errorBody('order_not_found', 'corr-o') },
      { status: 504, body: f.errorBody('upstream_timeout', 'corr-o2') },
    );
    const el = await mount();
    await loaded(el);

    orderRow(el, 1002)!.click();
    await errorSays(el, 'does not belong to the ticket’s shopper');
    expect(deep(el, '.back')).not.to.equal(null);
  });

  it('writes a note from the order detail: queued, then written, then reloads the order', async () => {
    scriptTicket(bff);
    bff.on(
      'POST /api/v1/orders/1002/notes',
      { status: 202, body: f.note('queued') },
      { status: 201, body: f.note('written') },
    );
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);
    const composer = await openComposer(el);
    const box = deep<HTMLTextAreaElement>(composer, 'textarea')!;
    box.value = 'Refund approved by phone.';
    box.dispatchEvent(new InputEvent('input'));
    await (composer as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;

    const written = new Promise<OcNoteWrittenEvent>((resolve) =>
      // Listened for on the document: the event is composed, so the embedding page sees it.
      document.addEventListener('oc-note-written', (event) => resolve(event as OcNoteWrittenEvent), {
        once: true,
      }),
    );
    deep(composer, 'button[type="submit"]')!.click();
    const event = await written;

    expect(event.note.status).to.equal('written');
    const notes = bff.requests.filter((r) => r.path === '/api/v1/orders/1002/notes');
    expect(notes).to.have.length(2);
    expect(notes.map((r) => r.headers.get('Authorization'))).to.deep.equal([
      `Bearer ${f.session.session}`,
      `Bearer ${f.session.session}`,
    ]);
    expect(notes[0]!.headers.get('Idempotency-Key')).to.equal(notes[1]!.headers.get('Idempotency-Key'));
    await until(() => bff.log().at(-1) === 'GET /api/v1/orders/1002?refresh=1', 'the order reload');
  });

  it('changes an order’s status from its detail, then reloads it and shows the new status in the list', async () => {
    scriptTicket(bff, { session: f.statusSession });
    bff.on(
      'GET /api/v1/orders/1002',
      { status: 200, body: f.awaitingOrder },
      { status: 200, body: { ...f.awaitingOrder, status: f.statusChanged.status } },
    );
    bff.on('POST /api/v1/orders/1002/status', { status: 200, body: f.statusChanged });
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);
    await until(() => deep(el, 'oc-status-change', 'button.open') !== null, 'Change status');
    const change = deep(el, 'oc-status-change')!;

    deep(change, 'button.open')!.click();
    await until(() => deep<HTMLDialogElement>(change, 'dialog')!.open, 'the dialog');
    await sendKeys({ type: 'Shopper cancelled by phone' });
    deep(change, 'button[type="submit"]')!.click();
    await until(() => textOf(deep(change, '[role="status"]')).startsWith('Done'), 'the outcome');
    deep(change, 'button.close')!.click();

    await until(() => bff.log().at(-1) === 'GET /api/v1/orders/1002?refresh=1', 'the order reload');
    await until(() => textOf(deep(el, 'oc-order-detail', 'header')).includes('Cancelled'), 'the new status');
    // Nothing to offer from Cancelled: the button is gone, and focus is on the order, not the page body.
    await until(() => deep(change, 'button.open') === null, 'the button to go');
    await until(() => deepActiveElement()?.id === 'order-heading', 'focus on the order');
    await sendKeys({ press: 'Escape' });
    await loaded(el);
    expect(textOf(orderRow(el, 1002))).to.contain('Cancelled');
  });

  it('offers no status change without orders:write', async () => {
    scriptTicket(bff);
    bff.on('GET /api/v1/orders/1002', { status: 200, body: f.awaitingOrder });
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);

    expect(deep(el, 'oc-status-change')).to.equal(null);
  });

  it('hides the note composer and "Wrong shopper?" without notes:write and links:write', async () => {
    scriptTicket(bff, { session: { scopes: ['orders:read'] } });
    const el = await mount();
    await loaded(el);
    expect(deep(el, 'oc-customer-card', '.wrong-shopper')).to.equal(null);

    orderRow(el, 1002)!.click();
    await detailShown(el);

    expect(deep(el, 'oc-note-composer')).to.equal(null);
    expect(deep(el, '.compose')).to.equal(null);
    await sendKeys({ press: 'n' });
    expect(deep(el, 'oc-note-composer')).to.equal(null);
  });

  it('with no match, offers search, a preview and link, then shows the linked shopper under Undo', async () => {
    scriptTicket(bff, { context: f.noMatchContext });
    bff.on('GET /api/v1/context', { status: 200, body: f.noMatchContext }, { status: 200, body: f.context });
    bff.on('GET /api/v1/customers', { status: 200, body: f.searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: f.linkResponse });
    const el = await mount();
    await until(() => deep(el, 'oc-customer-search') !== null, 'the search');
    expect(textOf(el)).to.contain('No shopper found for this ticket');
    expect(deep(el, 'oc-order-list')).to.equal(null);

    const search = await searchFor(el, 'oeztuerk');
    deep(search, 'ul.list button')!.click();
    await until(() => deep(search, '.confirm') !== null, 'the preview');
    deep(search, '.confirm')!.click();

    await loaded(el);
    expect(bff.log().slice(-3)).to.deep.equal([
      'GET /api/v1/customers?q=oeztuerk',
      'POST /api/v1/links',
      'GET /api/v1/context?refresh=1',
    ]);
    await until(() => deepActiveElement()?.classList.contains('undo') === true, 'focus on Undo');
    expect(textOf(deep(el, 'oc-customer-card'))).to.contain('Ada Lovelace');
    expect(deep(search, 'section.linked button.link'), 'the banner may be closed now').not.to.equal(null);
  });

  it('after Undo shows the ticket as before the link, with the search and focus in its box', async () => {
    scriptTicket(bff, { context: f.noMatchContext });
    bff.on(
      'GET /api/v1/context',
      { status: 200, body: f.noMatchContext },
      { status: 200, body: f.context },
      { status: 200, body: f.noMatchContext },
    );
    bff.on('GET /api/v1/customers', { status: 200, body: f.searchResult });
    bff.on('POST /api/v1/links', { status: 201, body: f.linkResponse });
    bff.on('POST /api/v1/links/undo', { status: 200, body: { ticket: 'T-100234', link: null } });
    const el = await mount();
    await until(() => deep(el, 'oc-customer-search') !== null, 'the search');
    const search = await searchFor(el, 'oeztuerk');
    deep(search, 'ul.list button')!.click();
    await until(() => deep(search, '.confirm') !== null, 'the preview');
    deep(search, '.confirm')!.click();
    await until(() => deepActiveElement()?.classList.contains('undo') === true, 'focus on Undo');
    await loaded(el);

    deep(search, '.undo')!.click();

    await until(() => deepActiveElement()?.id === 'query', 'focus in the search box');
    await until(() => deep(el, 'oc-order-list') === null, 'the linked shopper’s orders gone');
    expect(bff.log().slice(-2)).to.deep.equal(['POST /api/v1/links/undo', 'GET /api/v1/context?refresh=1']);
    expect(textOf(el)).to.contain('No shopper found for this ticket');
  });

  it('closing the search leaves focus where the agent is, unless it was in the search', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);
    deep(el, 'oc-customer-card', '.wrong-shopper')!.click();
    await until(() => deepActiveElement()?.id === 'query', 'focus in the search box');
    const row = orderRow(el, 1002)!;
    row.focus();

    // What the search does when the minute to undo a link ran out while the agent was elsewhere.
    deep(el, 'oc-customer-search')!.dispatchEvent(new OcSearchToggleEvent(false));

    await until(() => deep(el, 'oc-customer-search') === null, 'the search closed');
    await el.updateComplete;
    expect(deepActiveElement()).to.equal(row);
  });

  it('opens the search from "Wrong shopper?" with focus in the box, and closing returns focus', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);

    deep(el, 'oc-customer-card', '.wrong-shopper')!.click();
    await until(() => deepActiveElement()?.id === 'query', 'focus in the search box');
    deep(el, 'oc-customer-search', 'button.link')!.click();

    await until(() => deepActiveElement()?.classList.contains('wrong-shopper') === true, 'focus back');
  });

  it('is accessible on the list, the detail and an error', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);
    await expect(el).to.be.accessible();

    orderRow(el, 1002)!.click();
    await detailShown(el);
    await expect(el).to.be.accessible();

    await openComposer(el);
    await expect(el).to.be.accessible();

    bff.on('POST /api/v1/session', { status: 401, body: f.errorBody('token_expired') });
    const failed = await mount('tok_old');
    await errorSays(failed, 'expired');
    await expect(failed).to.be.accessible();
  });

  it('in a German session shows no English label of ours, on the list, an order and the composer', async () => {
    // Template labels come from the BFF in the session's language; shopper data (names, products) stays as is.
    const context = { ...f.context, fields: [{ ...f.context.fields[0]!, label: 'Kundengruppe' }] };
    scriptTicket(bff, { session: { locale: 'de-DE' }, context });
    bff.on('GET /api/v1/orders/1002', {
      status: 200,
      body: { ...f.orderDetail, fields: [{ ...f.orderDetail.fields[0]!, label: 'Zahlung' }] },
    });
    const el = await mount();
    await loaded(el);

    const list = textOf(el);
    expect(list).to.contain('Stand: vor 2 Minuten');
    expect(list).to.contain('Wartet auf Bearbeitung');
    expect(list).to.contain('vor 3 Tagen');
    orderRow(el, 1002)!.click();
    await detailShown(el);
    await openComposer(el);

    const detail = textOf(el);
    expect(detail).to.contain('Zahlung Eingezogen · Kreditkarte');
    expect(detail).to.contain('Kauf · erfolgreich');
    expect(detail).to.contain('10115 Berlin Deutschland');
    const ours = [
      'Orders',
      'Order #',
      'Shipped',
      'Refunded',
      'Awaiting',
      'Captured',
      'Credit card',
      'Purchase',
      'succeeded',
      'Germany',
      'Total',
      'Refresh',
      'as of',
      ' ago',
      'Back',
      'Copy',
      'Write a note',
      'New staff note',
      'Shipments',
      'Items',
      'Payment',
      'Guest',
      'Why this match',
      'Wrong shopper',
      'Matched',
      'Customer #',
      'Shopper',
    ];
    for (const english of ours) expect(`${list} ${detail}`, english).not.to.contain(english);
    await expect(el).to.be.accessible();
  });

  it('after "Older orders" by keyboard, keeps focus on the button while loading, then on the first order loaded', async () => {
    scriptTicket(bff);
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on(
      'GET /api/v1/context',
      {
        status: 200,
        body: { ...f.context, nextCursor: 'page-2', count: { total: 40, matching: null, windowDays: null } },
      },
      () => new Promise((resolve) => (answer = resolve)),
    );
    const el = await mount();
    await loaded(el);
    await until(() => deep(el, 'oc-order-history', '[data-page="older"]') !== null, 'the pager');
    const older = deep<HTMLButtonElement>(el, 'oc-order-history', '[data-page="older"]')!;
    older.focus();

    await sendKeys({ press: 'Enter' });
    await until(() => older.getAttribute('aria-disabled') === 'true', 'loading');
    expect(deepActiveElement()).to.equal(older);
    answer({
      status: 200,
      body: {
        ...f.context,
        orders: [
          f.orderSummary(900, { dateCreated: '2025-12-01T10:00:00Z' }),
          f.orderSummary(901, { dateCreated: '2025-11-01T10:00:00Z' }),
        ],
      },
    });

    await until(() => deepActiveElement() === orderRow(el, 900), 'focus on the newest order loaded');
  });

  it('opens the composer with the N key (or "Write a note"), with the caret in it', async () => {
    scriptTicket(bff);
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);
    await until(() => deepActiveElement()?.id === 'order-heading', 'focus on the order heading');
    expect(deep(el, 'oc-note-composer')).to.equal(null);

    await sendKeys({ press: 'n' });

    await until(() => deepActiveElement()?.tagName === 'TEXTAREA', 'the caret in the note box');
    await sendKeys({ type: 'nein' });
    expect(deep<HTMLTextAreaElement>(el, 'oc-note-composer', 'textarea')!.value).to.equal('nein');

    deep<HTMLElement>(el, 'oc-order-detail')!.focus();
    const write = [...deep(el, 'oc-order-detail')!.shadowRoot!.querySelectorAll('header button')].find((b) =>
      textOf(b).startsWith('Write a note'),
    ) as HTMLButtonElement;
    write.focus();
    write.click();
    await until(() => deepActiveElement()?.tagName === 'TEXTAREA', 'the caret back in the note box');
  });

  it('after a note is written, focus is on what happened, not on the page body', async () => {
    scriptTicket(bff);
    bff.on('POST /api/v1/orders/1002/notes', { status: 201, body: f.note('written') });
    const el = await mount();
    await loaded(el);
    orderRow(el, 1002)!.click();
    await detailShown(el);
    const composer = await openComposer(el);
    const box = deep<HTMLTextAreaElement>(composer, 'textarea')!;
    box.value = 'Refund approved by phone.';
    box.dispatchEvent(new InputEvent('input'));
    await (composer as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const send = deep<HTMLButtonElement>(composer, 'button[type="submit"]')!;
    send.focus();

    send.click();

    await until(() => bff.log().at(-1) === 'GET /api/v1/orders/1002?refresh=1', 'the order reload');
    await until(() => deepActiveElement()?.classList.contains('outcome') === true, 'focus on the outcome');
    expect(textOf(deepActiveElement())).to.match(/^Note written to BigCommerce at/);
  });

  it('after Retry, focus lands on the view that came back, or on the Retry of an error that came back', async () => {
    scriptTicket(bff);
    bff.on(
      'GET /api/v1/context',
      { status: 503, body: f.errorBody('upstream_unavailable') },
      { status: 200, body: f.context },
    );
    bff.on(
      'GET /api/v1/orders/1002',
      { status: 504, body: f.errorBody('upstream_timeout') },
      { status: 504, body: f.errorBody('upstream_timeout') },
    );
    const el = await mount();
    await until(() => deep(el, 'oc-error-panel', 'button.primary') !== null, 'the error panel');
    deep<HTMLButtonElement>(el, 'oc-error-panel', 'button.primary')!.focus();

    await sendKeys({ press: 'Enter' });
    await loaded(el);
    await until(() => deepActiveElement()?.id === 'shopper-heading', 'focus on the shopper');

    orderRow(el, 1002)!.click();
    await until(() => deep(el, 'oc-error-panel', 'button.primary') !== null, 'the order error');
    deep<HTMLButtonElement>(el, 'oc-error-panel', 'button.primary')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => bff.log().filter((l) => l.startsWith('GET /api/v1/orders')).length === 2, 'the retry');
    await until(() => deepActiveElement()?.textContent?.trim() === 'Retry', 'focus on the new Retry');
  });

  it('keeps focus on Refresh while refreshing', async () => {
    scriptTicket(bff);
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on('GET /api/v1/context', { status: 200, body: f.context }, () => new Promise((r) => (answer = r)));
    const el = await mount();
    await loaded(el);
    const refresh = deep<HTMLButtonElement>(el, 'oc-freshness-label', 'button')!;
    refresh.focus();

    refresh.click();
    await until(() => textOf(refresh).includes('Updating…'), 'refreshing');
    expect(deepActiveElement()).to.equal(refresh);
    answer({ status: 200, body: f.context });
    await until(() => textOf(refresh).includes('Refresh'), 'refreshed');
    expect(deepActiveElement()).to.equal(refresh);
  });
});
