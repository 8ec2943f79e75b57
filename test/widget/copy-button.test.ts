import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../widget/src/components/copy-button/copy-button.js';
import type { OcCopyButton } from '../../widget/src/components/copy-button/copy-button.js';
import { stubClipboard } from './clipboard-stub.js';
import { deep, textOf, until } from './fake-bff.js';
import { de, en } from './fixtures.js';

function mount(i18n = en): Promise<OcCopyButton> {
  return fixture<OcCopyButton>(
    html`<oc-copy-button
      value="00340434161094042557"
      label="Copy tracking number"
      .i18n=${i18n}
    ></oc-copy-button>`,
  );
}

const button = (el: OcCopyButton) => deep<HTMLButtonElement>(el, 'button')!;
const status = (el: OcCopyButton) => textOf(deep(el, '[role="status"]'));

describe('oc-copy-button', () => {
  it('is a named icon button whose icon is drawn (SVG, not unknown HTML elements)', async () => {
    const el = await mount();

    expect(button(el).getAttribute('aria-label')).to.equal('Copy tracking number');
    expect(button(el).title).to.equal('Copy tracking number');
    expect(deep(el, 'svg path')).to.be.instanceOf(SVGElement);
    expect(deep(el, 'svg')!.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('copies its value with Enter, says "Copied" (announced) and keeps focus', async () => {
    const clipboard = stubClipboard();
    try {
      const el = await mount();
      button(el).focus();

      await sendKeys({ press: 'Enter' });

      await until(() => status(el) === 'Copied', 'the announcement');
      expect(clipboard.texts).to.deep.equal(['00340434161094042557']);
      expect(textOf(button(el))).to.equal('Copied');
      expect(el.shadowRoot!.activeElement).to.equal(button(el));
    } finally {
      clipboard.restore();
    }
  });

  it('falls back to the old copy command where the Clipboard API is refused', async () => {
    const clipboard = stubClipboard({ blocked: true });
    const original = document.execCommand.bind(document);
    let copied = '';
    document.execCommand = (command: string) => {
      copied = command === 'copy' ? (el.shadowRoot!.querySelector('textarea')?.value ?? '') : '';
      return command === 'copy';
    };
    const el = await mount();
    try {
      button(el).focus();
      button(el).click();

      await until(() => status(el) === 'Copied', 'the announcement');
      expect(copied).to.equal('00340434161094042557');
      expect(el.shadowRoot!.querySelector('textarea')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(button(el));
    } finally {
      document.execCommand = original;
      clipboard.restore();
    }
  });

  it('says so, visibly, when copying is blocked altogether', async () => {
    const clipboard = stubClipboard({ blocked: true });
    const original = document.execCommand.bind(document);
    document.execCommand = () => false;
    try {
      const el = await mount(de);
      button(el).click();

      await until(() => status(el).startsWith('Kopieren ist hier gesperrt'), 'the message');
      expect(deep(el, '[role="status"]')!.classList.contains('sr-only')).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      document.execCommand = original;
      clipboard.restore();
    }
  });

  it('is accessible', async () => {
    await expect(await mount()).to.be.accessible();
  });
});
