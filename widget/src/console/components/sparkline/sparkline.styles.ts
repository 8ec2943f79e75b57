import { css } from 'lit';

export const sparklineStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  figure {
    margin: 0;
  }
  figcaption {
    display: flex;
    justify-content: space-between;
    gap: 4px;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .now {
    color: var(--_text);
    font-variant-numeric: tabular-nums;
  }
  svg {
    display: block;
    width: 100%;
    height: 36px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 4px;
  }
  .primary {
    fill: var(--oc-chart-primary, #0a5bb5);
  }
  .secondary {
    fill: var(--oc-chart-secondary, #b42318);
  }
  .line {
    fill: none;
    stroke: var(--oc-chart-primary, #0a5bb5);
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
  }
  .line.secondary {
    stroke: var(--oc-chart-secondary, #b42318);
  }
`;
