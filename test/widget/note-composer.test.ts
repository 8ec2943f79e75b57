import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NOTE_MAX_LENGTH } from '../../shared/notes.js';
import { createBffClient } from '../../widget/src/bff-client.js';
import '../../widget/src/components/note-composer/note-composer.js';
import type { OcNoteComposer } from '../../widget/src/components/note-composer/note-composer.js';
import type { OcNoteWrittenEvent } from '../../widget/src/events/note-written-event.js';
import type { Sleep } from '../../widget/src/time.js';
import { deep, installFakeBff, textOf, until, type FakeBff } from './fake-bff.js';
import { de, en, errorBody, note } from './fixtures.js';
import type { I18n } from '../../widget/src/i18n/i18n.js';

const NOTES = 'POST /api/v1/orders/1002/notes';

/** A sleep the test releases by hand, recording what the component asked to wait. */
function createManualSleep() {
  const waits: number[] = [];
  let release: () => void = () => {};
  const sleep: Sleep = (ms) => {
    waits.push(ms);
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { sleep, waits, release: () => release() };
}

const instantSleep: Sleep = async () => {};

async function mount(sleep: Sleep = instantSleep, i18n: I18n = en): Promise<OcNoteComposer> {
  const client = createBffClient({ baseUrl: window.location.origin });
  return fixture<OcNoteComposer>(
    html`<oc-note-composer
      .client=${client}
      session="sess_1"
      order-id="1002"
      .sleep=${sleep}
      .i18n=${i18n}
    ></oc-note-composer>`,
  );
}

function textarea(el: OcNoteComposer): HTMLTextAreaElement {
  return deep<HTMLTextAreaElement>(el, 'textarea')!;
}

async function type(el: OcNoteComposer, text: string): Promise<void> {
  const box = textarea(el);
  box.value = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

function submitButton(el: OcNoteComposer): HTMLButtonElement {
  return deep<HTMLButtonElement>(el, 'button[type="submit"]')!;
}

/** aria-disabled, never disabled: a disabled button would drop the agent's focus to the page body. */
function sendRefused(el: OcNoteComposer): boolean {
  return submitButton(el).getAttribute('aria-disabled') === 'true';
}

function status(el: OcNoteComposer): string {
  return textOf(deep(el, '[role="status"]'));
}

describe('oc-note-composer', () => {
  let bff: FakeBff;
  beforeEach(() => {
    bff = installFakeBff();
  });
  afterEach(() => bff.restore());

  it('has a labelled text area, a character count against the limit and a refused submit when empty', async () => {
    const el = await mount();

    expect(textOf(deep(el, 'label'))).to.equal('New staff note');
    expect(textOf(el)).to.contain(`0 / ${NOTE_MAX_LENGTH.toLocaleString('en')} characters`);
    expect(sendRefused(el)).to.equal(true);
  });

  it('counts characters as the agent types and refuses text over the limit', async () => {
    const el = await mount();

    await type(el, 'x'.repeat(NOTE_MAX_LENGTH + 5));

    expect(textOf(el)).to.contain('5 characters too many');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(sendRefused(el)).to.equal(true);
  });

  it('counts an emoji as one character, as the BFF does', async () => {
    const el = await mount();

    await type(el, '👍'.repeat(NOTE_MAX_LENGTH));

    expect(textOf(el)).to.contain(
      `${NOTE_MAX_LENGTH.toLocaleString('en')} / ${NOTE_MAX_LENGTH.toLocaleString('en')}`,
    );
    expect(sendRefused(el)).to.equal(false);
  });

  it('writes the note on Ctrl+Enter with an Idempotency-Key, says so, clears the box and fires oc-note-written', async () => {
    bff.on(NOTES, { status: 201, body: note('written') });
    const el = await mount();
    textarea(el).focus();
    await sendKeys({ type: 'Refund approved by phone.' });

    const written = oneEvent(el, 'oc-note-written') as unknown as Promise<OcNoteWrittenEvent>;
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    const event = await written;

    expect(event.note.status).to.equal('written');
    expect(event.composed).to.equal(true);
    expect(bff.requests[0]!.body).to.deep.equal({ text: 'Refund approved by phone.' });
    expect(bff.requests[0]!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{36}$/);
    await el.updateComplete;
    expect(status(el)).to.match(/^Note written to BigCommerce at /);
    expect(textarea(el).value).to.equal('');
  });

  it('shows the pending state and locks the text while the note is being written', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on(NOTES, () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();
    await type(el, 'A note');

    submitButton(el).click();
    await until(() => status(el) === 'Writing the note to BigCommerce…', 'pending state');

    expect(textarea(el).readOnly).to.equal(true);
    expect(sendRefused(el)).to.equal(true);
    answer({ status: 201, body: note('written') });
    await until(() => status(el).startsWith('Note written'), 'written state');
  });

  it('follows a queued note with the same key until it is written', async () => {
    bff.on(NOTES, { status: 202, body: note('queued') }, { status: 201, body: note('written') });
    const manual = createManualSleep();
    const el = await mount(manual.sleep);
    await type(el, 'Refund approved by phone.');

    submitButton(el).click();
    await until(() => manual.waits.length === 1, 'the first wait');

    expect(status(el)).to.equal(
      'BigCommerce is unavailable; your note is saved and will be written automatically.',
    );
    manual.release();
    await until(() => status(el).startsWith('Note written'), 'written state');
    const keys = bff.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(manual.waits).to.deep.equal([2000]);
  });

  it('keeps following a queued note through a network blip', async () => {
    bff.on(NOTES, { status: 202, body: note('queued') }, 'network-error', {
      status: 201,
      body: note('written'),
    });
    const el = await mount();
    await type(el, 'A note');

    submitButton(el).click();

    await until(() => status(el).startsWith('Note written'), 'written state');
    expect(bff.requests).to.have.length(3);
  });

  it('shows an error with the correlation ID, and Retry re-sends the same key', async () => {
    bff.on(
      NOTES,
      { status: 500, body: errorBody('internal_error', 'corr-note-1') },
      { status: 201, body: note('written') },
    );
    const el = await mount();
    await type(el, 'A note');

    submitButton(el).click();
    await until(() => deep(el, 'oc-error-panel', 'code') !== null, 'the error panel');

    expect(textOf(deep(el, 'oc-error-panel'))).to.contain('corr-note-1');
    expect(status(el)).to.equal('The note could not be written.');
    deep<HTMLButtonElement>(el, 'oc-error-panel', 'button.primary')!.focus();
    deep(el, 'oc-error-panel', 'button.primary')!.click();
    await until(() => status(el).startsWith('Note written'), 'written state');
    const keys = bff.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).to.equal(keys[1]);
    // The panel and its Retry are gone; focus is on what happened, not on the page body.
    await until(
      () => el.shadowRoot!.activeElement?.classList.contains('outcome') === true,
      'focus on the outcome',
    );
  });

  it('uses a new key when the agent changes the text after an error', async () => {
    bff.on(
      NOTES,
      { status: 503, body: errorBody('upstream_unavailable') },
      { status: 201, body: note('written') },
    );
    const el = await mount();
    await type(el, 'A note');
    submitButton(el).click();
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');

    await type(el, 'A different note');
    submitButton(el).click();
    await until(() => status(el).startsWith('Note written'), 'written state');

    const keys = bff.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).not.to.equal(keys[1]);
  });

  it('reports a note that BigCommerce cannot take, without a pointless Retry', async () => {
    bff.on(NOTES, { status: 201, body: note('failed') });
    const el = await mount();
    await type(el, 'A note');

    submitButton(el).click();
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');

    await until(() => textOf(deep(el, 'oc-error-panel')).includes('staff notes are full'), 'the error text');
    expect(deep(el, 'oc-error-panel', 'button.primary')).to.equal(null);
  });

  it('moves focus from the button to the outcome once the note is written, never to the page body', async () => {
    bff.on(NOTES, { status: 201, body: note('written') });
    const el = await mount();
    await type(el, 'A note');
    submitButton(el).focus();

    submitButton(el).click();
    await until(() => status(el).startsWith('Note written'), 'written state');

    await until(
      () => el.shadowRoot!.activeElement?.classList.contains('outcome') === true,
      'focus on the outcome',
    );
    expect(sendRefused(el)).to.equal(true);
  });

  it('keeps the button (and focus) while sending, ignoring a second press', async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    bff.on(NOTES, () => new Promise((resolve) => (answer = resolve)));
    const el = await mount();
    await type(el, 'A note');
    submitButton(el).focus();
    submitButton(el).click();
    await until(() => status(el) === 'Writing the note to BigCommerce…', 'pending state');

    submitButton(el).click();

    expect(el.shadowRoot!.activeElement).to.equal(submitButton(el));
    expect(bff.requests).to.have.length(1);
    answer({ status: 201, body: note('written') });
    await until(() => status(el).startsWith('Note written'), 'written state');
  });

  it('puts the caret in the box when asked ("Write a note", the N key)', async () => {
    const el = await mount();

    await el.focusInput();

    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
  });

  it('speaks German', async () => {
    bff.on(NOTES, { status: 202, body: note('queued') }, { status: 201, body: note('written') });
    const manual = createManualSleep();
    const el = await mount(manual.sleep, de);
    expect(textOf(deep(el, 'label'))).to.equal('Neue Mitarbeiternotiz');
    expect(textOf(el)).to.contain(`0 / ${NOTE_MAX_LENGTH.toLocaleString('de')} Zeichen`);
    await type(el, 'Rückruf vereinbart.');

    submitButton(el).click();
    await until(() => manual.waits.length === 1, 'the first wait');
    expect(status(el)).to.contain('BigCommerce ist nicht erreichbar');
    manual.release();
    await until(() => status(el).startsWith('Notiz um'), 'written state');
    await expect(el).to.be.accessible();
  });

  it('is accessible, empty, over the limit and after an error', async () => {
    bff.on(NOTES, { status: 503, body: errorBody('upstream_unavailable') });
    const el = await mount();
    await expect(el).to.be.accessible();
    await type(el, 'x'.repeat(NOTE_MAX_LENGTH + 1));
    await expect(el).to.be.accessible();
    await type(el, 'ok');
    submitButton(el).click();
    await until(() => deep(el, 'oc-error-panel') !== null, 'the error panel');
    await expect(el).to.be.accessible();
  });
});
