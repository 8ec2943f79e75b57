import { expect, fixture, html } from '@open-wc/testing';
import '../../widget/src/components/empty-state/empty-state.js';
import { textOf } from './fake-bff.js';

describe('oc-empty-state', () => {
  it('shows a heading, a sentence and slotted actions', async () => {
    const el = await fixture(
      html`<oc-empty-state heading="No orders" text="Nothing yet."><button>Search</button></oc-empty-state>`,
    );

    expect(textOf(el)).to.equal('No orders Nothing yet. Search');
  });

  it('is accessible', async () => {
    const el = await fixture(html`<oc-empty-state heading="No orders" text="Nothing yet."></oc-empty-state>`);
    await expect(el).to.be.accessible();
  });
});
