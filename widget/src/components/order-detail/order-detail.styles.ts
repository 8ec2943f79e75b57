import { css } from 'lit';

export const orderDetailStyles = css`
  article {
    display: grid;
    gap: var(--_space);
  }
  section {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .grand {
    font-weight: 700;
    color: var(--_text);
  }
  address {
    font-style: normal;
    margin-top: 4px;
  }
  .pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .ours {
    border-inline-start: 3px solid var(--_accent);
  }
  .return {
    color: var(--_danger);
  }
  .warn {
    padding: 4px var(--_space);
  }
`;
