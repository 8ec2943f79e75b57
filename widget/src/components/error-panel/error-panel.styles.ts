import { css } from 'lit';

export const errorPanelStyles = css`
  .card {
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    background: var(--oc-color-danger-bg, #fdecea);
  }
  .name {
    color: var(--_danger);
  }
  code {
    overflow-wrap: anywhere;
    user-select: all;
  }
`;
