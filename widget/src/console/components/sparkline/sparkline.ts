import { LitElement, html, svg, nothing, type SVGTemplateResult } from 'lit';
import { baseStyles } from '../../../styles/base.styles.js';
import { sparklineStyles } from './sparkline.styles.js';

export type SeriesValues = readonly (number | null)[];

const WIDTH = 120;
const HEIGHT = 32;

/** Runs of known values, so a line has gaps where nobody sampled instead of a made-up slope. */
function segments(values: SeriesValues, top: number): string[] {
  const step = values.length > 1 ? WIDTH / (values.length - 1) : WIDTH;
  const out: string[] = [];
  let current: string[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (current.length > 0) out.push(current.join(' '));
      current = [];
      return;
    }
    const y = HEIGHT - (value / top) * (HEIGHT - 2) - 1;
    current.push(`${(index * step).toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length > 0) out.push(current.join(' '));
  return out;
}

function peak(...series: SeriesValues[]): number {
  return Math.max(1, ...series.flatMap((values) => values.filter((value) => value !== null)));
}

/**
 * @summary A small chart of the last hour, drawn as SVG (bars for counts per minute, a line for samples).
 *   No chart library: the dozen shapes a sparkline needs cost less than any library's smallest build.
 *   Its accessible name says what it shows, the peak and the latest value.
 */
export class OcSparkline extends LitElement {
  static override styles = [baseStyles, sparklineStyles];
  static override properties = {
    label: {},
    kind: {},
    unit: {},
    values: { attribute: false },
    secondary: { attribute: false },
    secondaryLabel: { attribute: 'secondary-label' },
  };

  label = '';
  kind: 'bars' | 'line' = 'bars';
  unit = '';
  values: SeriesValues = [];
  /** Drawn over the first series in the alert colour (e.g. the 429s among the calls). */
  secondary: SeriesValues | null = null;
  secondaryLabel = '';

  override render() {
    const { values, secondary } = this;
    const top = peak(values, secondary ?? []);
    const latest = [...values].reverse().find((value) => value !== null) ?? null;
    const latestSecondary = secondary
      ? ([...secondary].reverse().find((value) => value !== null) ?? null)
      : null;
    const known = values.filter((value) => value !== null);
    const description = `${this.label}, last hour: ${
      known.length === 0
        ? 'no data'
        : `peak ${peak(values)}${this.unit}, now ${latest ?? 0}${this.unit}${
            secondary ? `; ${this.secondaryLabel} peak ${Math.max(0, ...secondary.map((v) => v ?? 0))}` : ''
          }`
    }`;
    return html`<figure>
      <figcaption>
        <span>${this.label}</span>
        <span class="now"
          >${latest === null ? '—' : `${latest}${this.unit}`}${
            secondary && latestSecondary ? html` · ${latestSecondary} ${this.secondaryLabel}` : nothing
          }</span
        >
      </figcaption>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${description}>
        ${this.kind === 'bars' ? this.#bars(values, top, 'primary') : this.#line(values, top, 'line')}
        ${
          secondary
            ? this.kind === 'bars'
              ? this.#bars(secondary, top, 'secondary')
              : this.#line(secondary, top, 'line secondary')
            : nothing
        }
      </svg>
    </figure>`;
  }

  #bars(values: SeriesValues, top: number, className: string): SVGTemplateResult[] {
    const width = WIDTH / Math.max(1, values.length);
    return values.map((value, index) => {
      const height = value ? Math.max(1, (value / top) * (HEIGHT - 2)) : 0;
      return svg`<rect class=${className} x=${(index * width).toFixed(2)} y=${(HEIGHT - height).toFixed(2)}
        width=${Math.max(0.5, width - 0.4).toFixed(2)} height=${height.toFixed(2)}></rect>`;
    });
  }

  #line(values: SeriesValues, top: number, className: string): SVGTemplateResult[] {
    return segments(values, top).map(
      (points) => svg`<polyline class=${className} points=${points}></polyline>`,
    );
  }
}

customElements.define('oc-sparkline', OcSparkline);

declare global {
  interface HTMLElementTagNameMap {
    'oc-sparkline': OcSparkline;
  }
}
