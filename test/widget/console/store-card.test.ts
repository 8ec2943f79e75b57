import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/src/console/components/store-card/store-card.js';
import type { OcStoreCard } from '../../../widget/src/console/components/store-card/store-card.js';
import type { OcAdminActionEvent } from '../../../widget/src/console/events/admin-action-event.js';
import { deep, textOf } from '../fake-bff.js';
import { GENERATED_AT, failingEu, storeStatus } from './console-fixtures.js';

async function mount(store = storeStatus('eu')): Promise<OcStoreCard> {
  return fixture<OcStoreCard>(html`<oc-store-card .store=${store} now=${GENERATED_AT}></oc-store-card>`);
}

describe('oc-store-card', () => {
  it('says a healthy store is healthy, in words and colour, and shows its figures', async () => {
    const el = await mount();

    expect(deep(el, '.badge')?.textContent?.trim()).to.equal('Healthy');
    expect(deep(el, 'article')?.className).to.equal('healthy');
    expect(textOf(el)).to.contain('Everything works.');
    expect(textOf(el)).to.contain('Requests left 140 of 150');
    expect(textOf(el)).to.contain('Hit ratio 75 %');
    expect(textOf(el)).to.contain('Last delivery 30 s ago');
    expect(textOf(el)).to.contain('Live facts not reported (no sync room)');
  });

  it('lists why a store is failing, failing reasons marked as such', async () => {
    const el = await mount(failingEu);

    expect(deep(el, '.badge')?.textContent?.trim()).to.equal('Failing');
    const reasons = [...(el.shadowRoot?.querySelectorAll('.reasons li') ?? [])];
    expect(reasons.map((li) => li.getAttribute('data-code'))).to.deep.equal([
      'bigcommerce_unreachable',
      'notes_failed',
    ]);
    expect(reasons[0]?.className).to.equal('failing-reason');
    expect(deep(el, '[data-action="retry-notes"]')?.textContent?.trim()).to.equal('Retry failed notes (2)');
  });

  it('draws three charts of the last hour with names that say what they show', async () => {
    const el = await mount();
    const charts = [...(el.shadowRoot?.querySelectorAll('oc-sparkline') ?? [])];

    expect(charts).to.have.length(3);
    const label = charts[0]?.shadowRoot?.querySelector('svg')?.getAttribute('aria-label');
    expect(label).to.equal('Calls / min, last hour: peak 6, now 3; 429s peak 2');
  });

  it('fires oc-admin-action with the store and the action when a button is pressed', async () => {
    const el = await mount();
    const fired = oneEvent(el, 'oc-admin-action');

    deep(el, '[data-action="run-delta"]')?.click();
    const event = (await fired) as unknown as OcAdminActionEvent;

    expect([event.store, event.action]).to.deep.equal(['eu', 'run-delta']);
  });

  it('disables the actions while one runs and says what came of the last one', async () => {
    const el = await mount();
    el.busy = 'repair-webhooks';
    el.result = { action: 'retry-notes', ok: false, message: 'Refused.' };
    await el.updateComplete;

    expect(deep<HTMLButtonElement>(el, '[data-action="run-delta"]')?.disabled).to.equal(true);
    expect(deep(el, '[data-action="repair-webhooks"]')?.getAttribute('aria-busy')).to.equal('true');
    expect(deep(el, '[role="status"]')?.textContent?.trim()).to.equal('Refused.');
  });

  it('is accessible', async () => {
    await expect(await mount()).to.be.accessible();
    await expect(await mount(failingEu)).to.be.accessible();
  });
});
