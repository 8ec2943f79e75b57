import { css } from 'lit';

export const orderDetailStyles = css`
  article {
    display: grid;
    gap: var(--_space);
  }
  header {
    display: grid;
    gap: 2px;
  }
  section {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .title {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .title h2 {
    margin: 0;
  }
  .grand {
    font-weight: 700;
    color: var(--_text);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px calc(var(--_space) * 2);
    margin: 4px 0 0;
  }
  kbd {
    padding: 0 4px;
    border: 1px solid var(--_border);
    border-radius: 3px;
    font: inherit;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .address {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_space);
  }
  address {
    font-style: normal;
    margin-top: 4px;
  }
  .tracking {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
  .tracking a,
  .pre {
    overflow-wrap: anywhere;
  }
  .pre {
    white-space: pre-wrap;
  }
  .coupon {
    padding-inline-start: var(--_space);
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
