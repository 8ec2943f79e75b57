import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OrderDetail } from '../../shared/order.js';
import { createBffClient } from '../../widget/src/bff-client.js';
import '../../widget/src/components/status-change/status-change.js';
import type { OcStatusChange } from '../../widget/src/components/status-change/status-change.js';
import type { OcStatusChangedEvent } from '../../widget/src/events/status-changed-event.js';
import type { OcStatusCloseEvent } from '../../widget/src/events/status-close-event.js';
import type { I18n } from '../../widget/src/i18n/i18n.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import * as f from './fixtures.js';

const STATUS = 'POST /api/v1/orders/1002/status';
const REASON = 'Shopper cancelled by phone';

async function mount(order: OrderDetail = f.awaitingOrder, i18n: I18n = f.en): Promise<OcStatusChange> {
  const client = createBffClient({ baseUrl: window.location.origin });
  return fixture<OcStatusChange>(
    html`<oc-status-change
      .client=${client}
      .session=${f.statusSession}
      .order=${order}
      .i18n=${i18n}
    ></oc-status-change>`,
  );
}

const openButton = (el: OcStatusChange) => deep<HTMLButtonElement>(el, 'button.open');
const dialog = (el: OcStatusChange) => deep<HTMLDialogElement>(el, 'dialog')!;
const reasonBox = (el: OcStatusChange) => deep<HTMLTextAreaElement>(el, 'textarea')!;
const submit = (el: OcStatusChange) => deep<HTMLButtonElement>(el, 'button[type="submit"]');
const closeButton = (el: OcStatusChange) => deep<HTMLButtonElement>(el, 'button.close')!;
const outcome = (el: OcStatusChange) => textOf(deep(el, '[role="status"]'));

async function open(el: OcStatusChange): Promise<void> {
  openButton(el)!.click();
  await until(() => dialog(el).open, 'the dialog');
}

async function type(el: OcStatusChange, text: string): Promise<void> {
  const box = reasonBox(el);
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('oc-status-change', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('offers "Change status" only when the market allows a change from the order’s status', async () => {
    const awaiting = await mount();
    const shipped = await mount(f.orderDetail);

    expect(textOf(openButton(awaiting))).to.equal('Change status');
    expect(openButton(awaiting)!.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(openButton(shipped)).to.equal(null);
  });

  it('opens a modal dialog with the current status, only the allowed targets, the reason and the e-mail warning', async () => {
    const el = await mount();

    await open(el);

    const text = textOf(dialog(el));
    expect(text).to.contain('Change the status of order #1002');
    expect(text).to.contain('Current status: Awaiting Fulfillment');
    const targets = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(targets.map((radio) => radio.value)).to.deep.equal(['5', '9']);
    expect(targets[0]!.checked).to.equal(true);
    expect(text).to.contain('BigCommerce may e-mail the shopper');
    expect(dialog(el).getAttribute('aria-describedby')).to.equal('status-warning');
    // The caret is in the reason, the one thing the agent must type.
    expect(el.shadowRoot!.activeElement).to.equal(reasonBox(el));
    expect(submit(el)!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('names a single target instead of offering a choice', async () => {
    const el = await mount({
      ...f.awaitingOrder,
      status: { id: 9, label: 'Awaiting Shipment', family: 'awaiting' },
    });

    await open(el);

    expect(el.shadowRoot!.querySelectorAll('input[type="radio"]')).to.have.length(0);
    expect(textOf(dialog(el))).to.contain('New status: Cancelled');
  });

  it('refuses a reason under 3 characters without asking the BFF', async () => {
    const el = await mount();
    await open(el);

    await type(el, 'ok');
    submit(el)!.click();
    await el.updateComplete;

    expect(reasonBox(el).getAttribute('aria-invalid')).to.equal('true');
    expect(submit(el)!.getAttribute('aria-disabled')).to.equal('true');
    expect(bff.requests).to.have.length(0);
  });

  it('changes the status with the key, the expected status and the reason, says so and fires oc-status-changed', async () => {
    bff.on(STATUS, { status: 200, body: f.statusChanged });
    const el = await mount();
    await open(el);
    await type(el, `  ${REASON}  `);

    const changed = oneEvent(el, 'oc-status-changed') as unknown as Promise<OcStatusChangedEvent>;
    submit(el)!.click();
    const event = await changed;

    expect(event.composed).to.equal(true);
    expect(event.change.status.id).to.equal(5);
    expect(bff.requests[0]!.body).to.deep.equal({ statusId: 5, expectedStatusId: 11, reason: REASON });
    expect(bff.requests[0]!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    expect(bff.requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${f.statusSession.session}`);
    await until(() => outcome(el).includes('Done: the order is now “Cancelled”.'), 'the outcome');
    await until(() => el.shadowRoot!.activeElement?.classList.contains('outcome') === true, 'focus on it');
    expect(submit(el)).to.equal(null);
    expect(textOf(closeButton(el))).to.equal('Close');

    const closed = oneEvent(el, 'oc-status-close') as unknown as Promise<OcStatusCloseEvent>;
    closeButton(el).click();
    expect((await closed).stale).to.equal(true);
    expect(dialog(el).open).to.equal(false);
  });

  it('sends the target the agent picked', async () => {
    bff.on(STATUS, {
      status: 200,
      body: { ...f.statusChanged, status: { id: 9, label: 'Awaiting Shipment', family: 'awaiting' } },
    });
    const el = await mount();
    await open(el);
    const packed = el.shadowRoot!.querySelector<HTMLInputElement>('input[value="9"]')!;
    packed.click();
    await type(el, REASON);

    submit(el)!.click();
    await until(() => outcome(el).startsWith('Done'), 'the outcome');

    expect((bff.requests[0]!.body as { statusId: number }).statusId).to.equal(9);
  });

  it('says when someone changed the order meanwhile, with the status it has now, and offers no Retry', async () => {
    bff.on(STATUS, { status: 409, body: f.orderChangedBody() });
    const el = await mount();
    await open(el);
    await type(el, REASON);

    submit(el)!.click();

    await until(() => outcome(el).includes('someone else changed the order'), 'the outcome');
    expect(outcome(el)).to.contain('It is now “Awaiting Shipment”.');
    expect(deep(el, 'oc-error-panel')).to.equal(null);
    const closed = oneEvent(el, 'oc-status-close') as unknown as Promise<OcStatusCloseEvent>;
    closeButton(el).click();
    expect((await closed).stale).to.equal(true);
  });

  it('says a refused change is not allowed, and closing says nothing changed', async () => {
    bff.on(STATUS, { status: 403, body: f.errorBody('transition_not_allowed') });
    const el = await mount();
    await open(el);
    await type(el, REASON);

    submit(el)!.click();

    await until(() => outcome(el).includes('This change of status is not allowed here.'), 'the refusal');
    expect(outcome(el)).to.match(/^Not changed\./);
    const closed = oneEvent(el, 'oc-status-close') as unknown as Promise<OcStatusCloseEvent>;
    closeButton(el).click();
    expect((await closed).stale).to.equal(false);
  });

  it('shows BigCommerce being down with the correlation ID, and Retry sends the same key', async () => {
    bff.on(
      STATUS,
      { status: 503, body: f.errorBody('upstream_unavailable', 'corr-status-1') },
      { status: 200, body: f.statusChanged },
    );
    const el = await mount();
    await open(el);
    await type(el, REASON);

    submit(el)!.click();
    await until(() => textOf(deep(el, 'oc-error-panel')).includes('corr-status-1'), 'the error panel');
    await until(
      () => deep(el, 'oc-error-panel')!.shadowRoot!.activeElement?.classList.contains('primary') === true,
      'focus on Retry',
    );
    deep(el, 'oc-error-panel', 'button.primary')!.click();

    await until(() => outcome(el).startsWith('Done'), 'the outcome');
    const keys = bff.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('uses a new key when the agent changes the reason after an error', async () => {
    bff.on(
      STATUS,
      { status: 503, body: f.errorBody('upstream_unavailable') },
      { status: 200, body: f.statusChanged },
    );
    const el = await mount();
    await open(el);
    await type(el, REASON);
    submit(el)!.click();
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');

    await type(el, `${REASON}, confirmed`);
    submit(el)!.click();
    await until(() => outcome(el).startsWith('Done'), 'the outcome');

    const keys = bff.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).not.to.equal(keys[1]);
  });

  it('shows the pending state, keeps the reason locked and cannot be closed while BigCommerce is asked', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on(STATUS, () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();
    await open(el);
    // Typed for real: a dialog may refuse Escape only after the person did something in it.
    await sendKeys({ type: REASON });

    submit(el)!.click();
    await until(() => outcome(el) === 'Changing the status in BigCommerce…', 'the pending state');
    await sendKeys({ press: 'Escape' });

    expect(reasonBox(el).readOnly).to.equal(true);
    expect(closeButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(dialog(el).open).to.equal(true);
    answer({ status: 200, body: f.statusChanged });
    await until(() => outcome(el).startsWith('Done'), 'the outcome');
  });

  it('closes with Escape, keeps the key from the widget behind it, and returns focus to "Change status"', async () => {
    const el = await mount();
    const escapes: KeyboardEvent[] = [];
    el.addEventListener('keydown', (event) => escapes.push(event));
    await open(el);

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open, 'the dialog to close');

    expect(escapes).to.have.length(0);
    await until(() => el.shadowRoot!.activeElement === openButton(el), 'focus back on the button');
  });

  it('is usable with the keyboard alone: Tab to the target, arrows to choose, type, submit with Enter', async () => {
    bff.on(STATUS, { status: 200, body: f.statusChanged });
    const el = await mount();
    openButton(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open, 'the dialog');

    await sendKeys({ type: REASON });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    const packed = el.shadowRoot!.querySelector<HTMLInputElement>('input[value="9"]')!;
    expect(packed.checked).to.equal(true);
    for (let i = 0; i < 6 && el.shadowRoot!.activeElement !== submit(el); i += 1) {
      await sendKeys({ press: 'Tab' });
    }
    await sendKeys({ press: 'Enter' });

    await until(() => bff.requests.length === 1, 'the request');
    expect(bff.requests[0]!.body).to.deep.equal({ statusId: 9, expectedStatusId: 11, reason: REASON });
  });

  it('speaks German', async () => {
    bff.on(STATUS, { status: 409, body: f.orderChangedBody() });
    const el = await mount(f.awaitingOrder, f.de);
    expect(textOf(openButton(el))).to.equal('Status ändern');
    await open(el);

    const text = textOf(dialog(el));
    expect(text).to.contain('Status von Bestellung #1002 ändern');
    expect(text).to.contain('Wartet auf Bearbeitung');
    expect(text).to.contain('Storniert');
    expect(text).to.contain('eventuell eine E-Mail');
    await type(el, 'Kunde hat angerufen');
    submit(el)!.click();
    await until(() => outcome(el).includes('Jemand anderes'), 'the outcome');
    expect(outcome(el)).to.contain('Sie ist jetzt „Wartet auf Versand“.');
  });

  it('is accessible: the button, the open dialog, and each outcome, in English and German', async () => {
    bff.on(
      STATUS,
      { status: 503, body: f.errorBody('upstream_unavailable') },
      { status: 409, body: f.orderChangedBody() },
    );
    for (const i18n of [f.en, f.de]) {
      const el = await mount(f.awaitingOrder, i18n);
      await expect(el).to.be.accessible();
      await open(el);
      await expect(el).to.be.accessible();
      await type(el, REASON);
      submit(el)!.click();
      await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
      await expect(el).to.be.accessible();
      deep(el, 'oc-error-panel', 'button.primary')!.click();
      await until(() => outcome(el).length > 0 && deep(el, 'oc-error-panel') === null, 'the outcome');
      await expect(el).to.be.accessible();
      bff.on(
        STATUS,
        { status: 503, body: f.errorBody('upstream_unavailable') },
        { status: 409, body: f.orderChangedBody() },
      );
    }
  });
});
