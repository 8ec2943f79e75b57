import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../widget/src/components/freshness-label/freshness-label.js';
import type { OcFreshnessLabel } from '../../widget/src/components/freshness-label/freshness-label.js';
import { deep, textOf, until } from './fake-bff.js';
import { de, en, freshness } from './fixtures.js';

/** A clock the test moves by hand. */
function createTestClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('oc-freshness-label', () => {
  it('says how old the data is', async () => {
    const clock = createTestClock();
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label .freshness=${freshness} .i18n=${en} .now=${clock.now}></oc-freshness-label>`,
    );

    expect(textOf(el)).to.contain('as of 2 minutes ago');
    expect(textOf(el)).not.to.contain('Out of date');
  });

  it('ages the label as time passes, counting from when the data arrived', async () => {
    const clock = createTestClock();
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label
        .freshness=${freshness}
        .i18n=${en}
        .now=${clock.now}
        .tickMs=${5}
      ></oc-freshness-label>`,
    );

    clock.advance(3 * 60_000);

    await until(() => textOf(el).includes('as of 5 minutes ago'), 'the label to tick');
  });

  it('shows a visible stale marker when BigCommerce could not be reached', async () => {
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label
        .freshness=${{ ...freshness, stale: true, ageSeconds: 7200 }}
        .i18n=${en}
      ></oc-freshness-label>`,
    );

    expect(textOf(el)).to.contain('Out of date');
    expect(textOf(el)).to.contain('as of 2 hours ago');
    expect(textOf(el)).to.contain('showing the last copy');
  });

  it('fires a composed oc-refresh when Refresh is pressed', async () => {
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label .freshness=${freshness} .i18n=${en}></oc-freshness-label>`,
    );

    const event = oneEvent(el, 'oc-refresh');
    deep(el, 'button')!.click();

    expect((await event).composed).to.equal(true);
  });

  it('ignores Refresh while refreshing, without dropping the focus the agent has on it', async () => {
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label .freshness=${freshness} .i18n=${en} refreshing></oc-freshness-label>`,
    );
    let fired = 0;
    el.addEventListener('oc-refresh', () => (fired += 1));
    const button = deep<HTMLButtonElement>(el, 'button')!;
    button.focus();
    button.click();

    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(fired).to.equal(0);
    expect(textOf(el)).to.contain('Updating…');
  });

  it('speaks German', async () => {
    const el = await fixture<OcFreshnessLabel>(
      html`<oc-freshness-label .freshness=${freshness} .i18n=${de}></oc-freshness-label>`,
    );

    expect(textOf(el)).to.contain('Stand: vor 2 Minuten');
  });

  it('is accessible, fresh and stale', async () => {
    const fresh = await fixture(
      html`<oc-freshness-label .freshness=${freshness} .i18n=${en}></oc-freshness-label>`,
    );
    const stale = await fixture(
      html`<oc-freshness-label .freshness=${{ ...freshness, stale: true }} .i18n=${en}></oc-freshness-label>`,
    );
    await expect(fresh).to.be.accessible();
    await expect(stale).to.be.accessible();
  });
});
