import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { OrderCount } from '../../shared/context.js';
import '../../widget/src/components/order-history/order-history.js';
import type { OcOrderHistory } from '../../widget/src/components/order-history/order-history.js';
import type { OcFilterEvent } from '../../widget/src/events/filter-event.js';
import type { OcPageEvent } from '../../widget/src/events/page-event.js';
import { deep, textOf, until } from './fake-bff.js';
import { de, en } from './fixtures.js';

const count: OrderCount = { total: 320, matching: null, windowDays: null };

function mount(
  options: { page?: number; hasOlder?: boolean; loading?: boolean; i18n?: typeof en; c?: OrderCount } = {},
) {
  return fixture<OcOrderHistory>(
    html`<oc-order-history
      .count=${options.c ?? count}
      .page=${options.page ?? 0}
      ?has-older=${options.hasOlder ?? true}
      ?loading=${options.loading ?? false}
      .i18n=${options.i18n ?? en}
    ></oc-order-history>`,
  );
}

async function openFilter(el: OcOrderHistory): Promise<HTMLFormElement> {
  deep(el, '.link')!.click();
  await until(() => deep(el, 'oc-order-filter', 'form') !== null, 'the filter form');
  return deep<HTMLFormElement>(el, 'oc-order-filter', 'form')!;
}

/** The element focused inside nested shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('oc-order-history', () => {
  it('tells the total, the page, and offers older orders only when there are some', async () => {
    const first = await mount();
    const last = await mount({ page: 3, hasOlder: false });

    expect(textOf(deep(first, '[role="status"]'))).to.equal('320 orders');
    expect(textOf(first)).to.contain('Page 1');
    expect(deep(first, '[data-page="newer"]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(deep(first, '[data-page="older"]')!.getAttribute('aria-disabled')).to.equal('false');
    expect(textOf(last)).to.contain('Page 4');
    expect(deep(last, '[data-page="newer"]')!.getAttribute('aria-disabled')).to.equal('false');
    expect(deep(last, '[data-page="older"]')!.getAttribute('aria-disabled')).to.equal('true');
  });

  it('says how many match a filter, and when the count covers only the index’s window', async () => {
    const filtered = await mount({ c: { total: 320, matching: 12, windowDays: null } });
    const windowed = await mount({ c: { total: 38, matching: null, windowDays: 90 }, i18n: de });

    expect(textOf(deep(filtered, '[role="status"]'))).to.equal('12 of 320 orders match the filter');
    expect(textOf(deep(windowed, '[role="status"]'))).to.equal('38 Bestellungen (letzte 90 Tage)');
  });

  it('fires oc-page for older and newer (not composed), and nothing while a page loads', async () => {
    const el = await mount({ page: 1 });
    const older = oneEvent(el, 'oc-page');
    deep(el, '[data-page="older"]')!.click();
    const olderEvent = await (older as unknown as Promise<OcPageEvent>);
    const newer = oneEvent(el, 'oc-page');
    deep(el, '[data-page="newer"]')!.click();
    const newerEvent = await (newer as unknown as Promise<OcPageEvent>);
    const busy = await mount({ page: 1, loading: true });
    let fired = 0;
    busy.addEventListener('oc-page', () => (fired += 1));

    deep(busy, '[data-page="older"]')!.click();

    expect([olderEvent.older, newerEvent.older, olderEvent.composed]).to.deep.equal([true, false, false]);
    expect(fired).to.equal(0);
    expect(textOf(busy)).to.contain('Loading…');
  });

  it('opens the filter by keyboard with focus in its first field, and sends only the fields given', async () => {
    const el = await mount();
    deep<HTMLButtonElement>(el, '.link')!.focus();

    await sendKeys({ press: 'Enter' });
    await until(() => deepActiveElement()?.getAttribute('name') === 'number', 'focus in the number field');
    const form = deep<HTMLFormElement>(el, 'oc-order-filter', 'form')!;
    (form.elements.namedItem('status') as HTMLSelectElement).value = '10';
    const applied = oneEvent(el, 'oc-filter');
    form.requestSubmit();

    expect((await (applied as unknown as Promise<OcFilterEvent>)).filter).to.deep.equal({ status: '10' });
    expect(deep(el, '.link')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('clears the filter with null', async () => {
    const el = await mount();
    const form = await openFilter(el);
    (form.elements.namedItem('number') as HTMLInputElement).value = '521';
    const cleared = oneEvent(el, 'oc-filter');

    deep<HTMLButtonElement>(el, 'oc-order-filter', 'button[type="button"]')!.click();

    expect((await (cleared as unknown as Promise<OcFilterEvent>)).filter).to.equal(null);
    expect((form.elements.namedItem('number') as HTMLInputElement).value).to.equal('');
  });

  it('offers every status in the agent’s words', async () => {
    const el = await mount({ i18n: de });
    const form = await openFilter(el);

    const options = [...(form.elements.namedItem('status') as HTMLSelectElement).options].map((o) =>
      o.textContent.trim(),
    );

    expect(options).to.have.length(15);
    expect(options[0]).to.equal('Alle Status');
    expect(options).to.include('Erstattet');
    expect(options).not.to.include('Refunded');
  });

  it('is accessible, closed and open, in English and German', async () => {
    const english = await mount();
    const german = await mount({ i18n: de, page: 2 });
    await openFilter(english);
    await openFilter(german);

    await expect(english).to.be.accessible();
    await expect(german).to.be.accessible();
  });
});
