import { css } from 'lit';

export const orderContextStyles = css`
  :host {
    max-width: var(--oc-max-width, 480px);
    background: var(--_bg);
  }
  .widget,
  .detail {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .widget {
    padding: var(--_space);
  }
  .back {
    justify-self: start;
  }
  .more,
  .compose {
    width: 100%;
    margin-top: var(--_space);
    padding: var(--_space);
    text-align: start;
    color: var(--_muted);
  }
  [aria-busy='true'] {
    opacity: 0.7;
  }
`;
