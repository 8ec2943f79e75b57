import { expect, fixture, html } from '@open-wc/testing';
import { renderEmptyState } from '../../widget/src/components/empty-state/empty-state.js';
import { textOf } from './fake-bff.js';

describe('renderEmptyState', () => {
  it('shows a heading, a sentence and extra content', async () => {
    const el = await fixture(
      html`<div>${renderEmptyState('No orders', 'Nothing yet.', html`<button>Search</button>`)}</div>`,
    );

    expect(textOf(el)).to.equal('No orders Nothing yet. Search');
  });

  it('is accessible', async () => {
    const el = await fixture(html`<div>${renderEmptyState('No orders', 'Nothing yet.')}</div>`);
    await expect(el).to.be.accessible();
  });
});
