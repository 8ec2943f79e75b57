import { css } from 'lit';

export const copyButtonStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 6px;
    font-size: 0.85em;
    color: var(--_muted);
  }
  svg {
    width: 1em;
    height: 1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
  }
  .done {
    color: var(--oc-color-success, #17663a);
  }
  .failed {
    color: var(--_danger);
  }
`;
