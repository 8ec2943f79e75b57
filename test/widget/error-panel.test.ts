import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { BffError } from '../../widget/src/bff-error.js';
import '../../widget/src/components/error-panel/error-panel.js';
import type { OcErrorPanel } from '../../widget/src/components/error-panel/error-panel.js';
import { createI18n } from '../../widget/src/i18n/i18n.js';
import { deep, textOf } from './fake-bff.js';

const unavailable = new BffError({
  code: 'upstream_unavailable',
  message: 'BigCommerce is unavailable right now.',
  correlationId: 'c0ffee-1234',
  status: 503,
});

describe('oc-error-panel', () => {
  it('says what happened for the code, shows the correlation ID and offers Retry', async () => {
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${unavailable}></oc-error-panel>`);

    const text = textOf(el);
    expect(text).to.contain('BigCommerce is unavailable right now.');
    expect(deep(el, 'code')?.textContent).to.equal('c0ffee-1234');
    expect(deep(el, '[role="alert"]')).not.to.equal(null);
    expect(deep(el, 'button.primary')?.textContent?.trim()).to.equal('Retry');
  });

  it('speaks the agent’s language', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${createI18n('de-DE')}></oc-error-panel>`,
    );

    expect(textOf(el)).to.contain('BigCommerce ist gerade nicht erreichbar.');
    expect(textOf(el)).to.contain('Korrelations-ID');
  });

  it('fires oc-retry when Retry is pressed', async () => {
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${unavailable}></oc-error-panel>`);

    const event = oneEvent(el, 'oc-retry');
    deep(el, 'button.primary')!.click();

    expect((await event).bubbles).to.equal(true);
  });

  it('offers no Retry for an expired session and tells the agent to reopen the ticket', async () => {
    const expired = new BffError({
      code: 'session_invalid',
      message: 'x',
      correlationId: 'abc',
      status: 401,
    });
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${expired}></oc-error-panel>`);

    expect(textOf(el)).to.contain('reopen the ticket');
    expect(deep(el, 'button.primary')).to.equal(null);
  });

  it('copies the correlation ID to the clipboard', async () => {
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${unavailable}></oc-error-panel>`);
    const copied: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void copied.push(value) },
    });
    try {
      deep(el, 'p.small button')!.click();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }

    expect(copied).to.deep.equal(['c0ffee-1234']);
    expect(textOf(deep(el, 'p.small button'))).to.contain('Copied');
  });

  it('shows a network failure without a correlation ID', async () => {
    const offline = new BffError({ code: 'network_error', message: 'x', correlationId: null, status: 0 });
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${offline}></oc-error-panel>`);

    expect(textOf(el)).to.contain('cannot be reached');
    expect(deep(el, 'code')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await fixture<OcErrorPanel>(html`<oc-error-panel .error=${unavailable}></oc-error-panel>`);
    await expect(el).to.be.accessible();
  });
});
