import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { BffError } from '../../widget/src/bff-error.js';
import '../../widget/src/components/error-panel/error-panel.js';
import type { OcErrorPanel } from '../../widget/src/components/error-panel/error-panel.js';
import { stubClipboard } from './clipboard-stub.js';
import { deep, textOf, until } from './fake-bff.js';
import { de, en } from './fixtures.js';

const unavailable = new BffError({
  code: 'upstream_unavailable',
  message: 'BigCommerce is unavailable right now.',
  correlationId: 'c0ffee-1234',
  status: 503,
});

describe('oc-error-panel', () => {
  it('says what happened for the code, shows the correlation ID and offers Retry', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
    );

    await until(() => textOf(el).includes('BigCommerce is unavailable right now.'), 'the error text');
    expect(deep(el, 'code')?.textContent).to.equal('c0ffee-1234');
    expect(deep(el, '[role="alert"]')).not.to.equal(null);
    expect(deep(el, 'button.primary')?.textContent?.trim()).to.equal('Retry');
  });

  it('speaks the agent’s language', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${de}></oc-error-panel>`,
    );

    await until(() => textOf(el).includes('BigCommerce ist gerade nicht erreichbar.'), 'the error text');
    expect(textOf(el)).to.contain('Korrelations-ID');
  });

  it('fires oc-retry when Retry is pressed', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
    );

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
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${expired} .i18n=${en}></oc-error-panel>`,
    );

    await until(() => textOf(el).includes('reopen the ticket'), 'the error text');
    expect(deep(el, 'button.primary')).to.equal(null);
  });

  it('copies the correlation ID to the clipboard', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await fixture<OcErrorPanel>(
        html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
      );
      deep<HTMLButtonElement>(el, 'oc-copy-button', 'button')!.click();

      await until(() => clipboard.texts.length === 1, 'the copy');
      expect(clipboard.texts).to.deep.equal(['c0ffee-1234']);
      await until(() => textOf(deep(el, 'oc-copy-button')).includes('Copied'), 'Copied');
      expect(deep(el, 'oc-copy-button', 'button')!.getAttribute('aria-label')).to.equal(
        'Copy correlation ID',
      );
    } finally {
      clipboard.restore();
    }
  });

  it('says so when the clipboard is blocked, and keeps focus on the button', async () => {
    const clipboard = stubClipboard({ blocked: true });
    const original = document.execCommand.bind(document);
    document.execCommand = () => false;
    try {
      const el = await fixture<OcErrorPanel>(
        html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
      );
      const copy = deep(el, 'oc-copy-button')!;
      const button = deep<HTMLButtonElement>(copy, 'button')!;
      button.focus();
      button.click();

      await until(() => textOf(copy).includes('Copying is blocked here'), 'the blocked message');
      expect(copy.shadowRoot!.activeElement).to.equal(button);
    } finally {
      document.execCommand = original;
      clipboard.restore();
    }
  });

  it('focuses its Retry when asked (after a retry failed again)', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
    );

    await el.focusRetry();

    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Retry');
  });

  it('offers Retry only where retrying can help', async () => {
    const codes = {
      token_replayed: false,
      token_no_scope: false,
      session_missing: false,
      forbidden: false,
      order_not_found: false,
      staff_notes_full: false,
      upstream_timeout: true,
      network_error: true,
      internal_error: true,
      invalid_cursor: true,
    };
    for (const [code, retry] of Object.entries(codes)) {
      const error = new BffError({ code, message: 'x', correlationId: null, status: 0 });
      const el = await fixture<OcErrorPanel>(
        html`<oc-error-panel .error=${error} .i18n=${en}></oc-error-panel>`,
      );
      expect(deep(el, 'button.primary') !== null, code).to.equal(retry);
    }
  });

  it('shows a network failure without a correlation ID', async () => {
    const offline = new BffError({ code: 'network_error', message: 'x', correlationId: null, status: 0 });
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${offline} .i18n=${en}></oc-error-panel>`,
    );

    expect(textOf(el)).to.contain('cannot be reached');
    expect(deep(el, 'code')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await fixture<OcErrorPanel>(
      html`<oc-error-panel .error=${unavailable} .i18n=${en}></oc-error-panel>`,
    );
    await until(() => textOf(el).includes('unavailable'), 'the error text');
    await expect(el).to.be.accessible();
    const german = await fixture(html`<oc-error-panel .error=${unavailable} .i18n=${de}></oc-error-panel>`);
    await expect(german).to.be.accessible();
  });
});
