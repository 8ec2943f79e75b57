import { css } from 'lit';

export const customerSearchStyles = css`
  .card {
    background: var(--_bg);
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 4px var(--_space);
    margin: var(--_space) 0;
  }
  label {
    grid-column: 1 / -1;
    font-weight: 600;
  }
  input {
    min-width: 0;
  }
  .list > li {
    display: grid;
    justify-items: start;
  }
`;
