import { expect, fixture, html } from '@open-wc/testing';
import '../../widget/src/components/loading-skeleton/loading-skeleton.js';
import type { OcLoadingSkeleton } from '../../widget/src/components/loading-skeleton/loading-skeleton.js';
import { deep } from './fake-bff.js';

describe('oc-loading-skeleton', () => {
  it('draws placeholder lines hidden from screen readers and announces what is loading', async () => {
    const el = await fixture<OcLoadingSkeleton>(
      html`<oc-loading-skeleton label="Loading orders…" lines="4"></oc-loading-skeleton>`,
    );

    expect(deep(el, '[role="status"]')?.textContent).to.contain('Loading orders…');
    expect(el.shadowRoot!.querySelectorAll('[aria-hidden="true"] > div')).to.have.length(4);
  });

  it('is accessible', async () => {
    const el = await fixture(html`<oc-loading-skeleton label="Loading"></oc-loading-skeleton>`);
    await expect(el).to.be.accessible();
  });
});
