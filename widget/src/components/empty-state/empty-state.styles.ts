import { css } from 'lit';

export const emptyStateStyles = css`
  .card {
    border-style: dashed;
    text-align: center;
  }
`;
