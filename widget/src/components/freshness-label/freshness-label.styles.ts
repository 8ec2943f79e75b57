import { css } from 'lit';

export const freshnessLabelStyles = css`
  .line > :last-child {
    margin-inline-start: auto;
  }
  .tag {
    font-weight: 600;
  }
`;
