import { css } from 'lit';

export const emptyStateStyles = css`
  .empty {
    border-style: dashed;
    text-align: center;
  }
`;
