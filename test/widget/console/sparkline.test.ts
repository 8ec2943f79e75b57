import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/components/sparkline/sparkline.js';
import type { OcSparkline } from '../../../widget/src/console/components/sparkline/sparkline.js';

describe('oc-sparkline', () => {
  it('draws a bar per minute, the second series over the first', async () => {
    const el = await fixture<OcSparkline>(
      html`<oc-sparkline
        label="Calls"
        .values=${[1, 0, 4]}
        .secondary=${[0, 0, 2]}
        secondary-label="429s"
      ></oc-sparkline>`,
    );

    expect(el.shadowRoot?.querySelectorAll('rect.primary')).to.have.length(3);
    expect(el.shadowRoot?.querySelectorAll('rect.secondary')).to.have.length(3);
    expect(el.shadowRoot?.querySelector('svg')?.getAttribute('aria-label')).to.equal(
      'Calls, last hour: peak 4, now 4; 429s peak 2',
    );
  });

  it('leaves gaps in a line where nobody sampled, rather than inventing a slope', async () => {
    const el = await fixture<OcSparkline>(
      html`<oc-sparkline
        label="Lag"
        kind="line"
        unit=" min"
        .values=${[1, 2, null, null, 3, 4]}
      ></oc-sparkline>`,
    );

    expect(el.shadowRoot?.querySelectorAll('polyline')).to.have.length(2);
    expect(el.shadowRoot?.querySelector('.now')?.textContent?.trim()).to.equal('4 min');
  });

  it('says there is no data yet', async () => {
    const el = await fixture<OcSparkline>(
      html`<oc-sparkline label="Lag" .values=${[null, null]}></oc-sparkline>`,
    );

    expect(el.shadowRoot?.querySelector('svg')?.getAttribute('aria-label')).to.equal(
      'Lag, last hour: no data',
    );
    await expect(el).to.be.accessible();
  });
});
