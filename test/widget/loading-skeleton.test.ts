import { expect, fixture, html } from '@open-wc/testing';
import { renderSkeleton } from '../../widget/src/components/loading-skeleton/loading-skeleton.js';
import { deep } from './fake-bff.js';

describe('renderSkeleton', () => {
  it('draws placeholder lines hidden from screen readers and announces what is loading', async () => {
    const el = await fixture(html`<div>${renderSkeleton('Loading orders…', 4)}</div>`);

    expect(deep(el, '[role="status"]')?.textContent).to.contain('Loading orders…');
    expect(el.querySelectorAll('[aria-hidden="true"] > div')).to.have.length(4);
  });

  it('is accessible', async () => {
    const el = await fixture(html`<div>${renderSkeleton('Loading', 3)}</div>`);
    await expect(el).to.be.accessible();
  });
});
