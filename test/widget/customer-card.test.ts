import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/src/components/customer-card/customer-card.js';
import type { OcCustomerCard } from '../../widget/src/components/customer-card/customer-card.js';
import type { OcSearchToggleEvent } from '../../widget/src/events/search-toggle-event.js';
import { stubClipboard } from './clipboard-stub.js';
import { deep, textOf, until } from './fake-bff.js';
import { context, de, en, guestContext, noMatchContext } from './fixtures.js';

describe('oc-customer-card', () => {
  it('shows the shopper: name, email, market and the template fields that have a value', async () => {
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${context} .i18n=${en}></oc-customer-card>`,
    );

    const text = textOf(el);
    expect(deep(el, 'h2')?.textContent).to.contain('Ada Lovelace');
    expect(deep<HTMLAnchorElement>(el, 'a')!.href).to.equal('mailto:ada@example.com');
    expect(text).to.contain('Deutschland');
    expect(text).to.contain('Customer group Wholesale');
    expect(text).not.to.contain('Customer #42');
  });

  it('explains why this shopper matched, with every identifier tried', async () => {
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${context} .i18n=${en}></oc-customer-card>`,
    );

    const text = textOf(el);
    expect(text).to.contain('Matched by the contact’s External ID');
    expect(text).to.contain('Stored link: not given');
    expect(text).to.contain('External ID: 42 matched');
  });

  it('shows a guest shopper found by email', async () => {
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${guestContext} .i18n=${en}></oc-customer-card>`,
    );

    expect(deep(el, 'h2')?.textContent).to.contain('Guest shopper');
    expect(textOf(el)).to.contain('guest@example.net');
    expect(textOf(el)).to.contain('Guest orders found by email address');
  });

  it('shows the no-match state with what was tried', async () => {
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${noMatchContext} .i18n=${en}></oc-customer-card>`,
    );

    const text = textOf(el);
    expect(text).to.contain('No shopper found for this ticket');
    expect(text).to.contain('Email: unknown@example.org not found');
  });

  it('offers "Wrong shopper?" only with links:write, and fires oc-search-toggle', async () => {
    const readOnly = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${context} .i18n=${en}></oc-customer-card>`,
    );
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${context} .i18n=${en} can-link></oc-customer-card>`,
    );

    expect(deep(readOnly, '.wrong-shopper')).to.equal(null);
    const event = oneEvent(el, 'oc-search-toggle') as unknown as Promise<OcSearchToggleEvent>;
    deep(el, '.wrong-shopper')!.click();
    expect((await event).open).to.equal(true);
  });

  it('speaks German', async () => {
    const el = await fixture<OcCustomerCard>(
      html`<oc-customer-card .context=${context} .i18n=${de} can-link></oc-customer-card>`,
    );

    expect(textOf(el)).to.contain('Warum diese Zuordnung');
    expect(textOf(el)).to.contain('Gespeicherte Verknüpfung: nicht angegeben');
    expect(textOf(el)).to.contain('Falsche Zuordnung?');
    expect(deep(el, 'oc-copy-button', 'button')!.getAttribute('aria-label')).to.equal(
      'E-Mail-Adresse kopieren',
    );
  });

  it('copies the email address, says so, and keeps focus on the button', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await fixture<OcCustomerCard>(
        html`<oc-customer-card .context=${context} .i18n=${en}></oc-customer-card>`,
      );
      const button = deep<HTMLButtonElement>(el, 'oc-copy-button', 'button')!;
      button.focus();
      button.click();

      await until(() => clipboard.texts.length === 1, 'the copy');
      expect(clipboard.texts).to.deep.equal(['ada@example.com']);
      const copy = deep(el, 'oc-copy-button')!;
      await until(() => textOf(deep(copy, '[role="status"]')) === 'Copied', 'the announcement');
      expect(copy.shadowRoot!.activeElement).to.equal(button);
    } finally {
      clipboard.restore();
    }
  });

  it('is accessible in each state', async () => {
    for (const data of [context, guestContext, noMatchContext]) {
      for (const i18n of [en, de]) {
        const el = await fixture(
          html`<oc-customer-card .context=${data} .i18n=${i18n} can-link></oc-customer-card>`,
        );
        await expect(el).to.be.accessible();
      }
    }
  });
});
