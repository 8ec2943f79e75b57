import { css } from 'lit';

export const orderListStyles = css`
  .rows {
    display: grid;
    gap: 6px;
  }
  .rows button {
    display: grid;
    width: 100%;
    gap: 2px;
    text-align: start;
    padding: var(--_space);
  }
  .rows button:hover {
    border-color: var(--_accent);
  }
`;
