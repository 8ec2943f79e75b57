import { css } from 'lit';

export const orderHistoryStyles = css`
  nav {
    display: grid;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .pager {
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    align-items: center;
    gap: var(--_space);
  }
  .pager span {
    text-align: center;
  }
  [aria-disabled='true'] {
    opacity: 0.6;
  }
  .link {
    justify-self: start;
  }
`;
