import { css } from 'lit';

export const customerCardStyles = css`
  .card {
    background: var(--_bg);
  }
  h2 {
    overflow-wrap: anywhere;
  }
  .email {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
  }
  .email a {
    overflow-wrap: anywhere;
  }
  .market {
    color: var(--_accent);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .why {
    margin-top: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .matched {
    color: var(--oc-color-success, #17663a);
    font-weight: 600;
  }
  .kv,
  .wrong {
    margin-top: var(--_space);
  }
`;
