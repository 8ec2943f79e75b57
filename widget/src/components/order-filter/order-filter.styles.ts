import { css } from 'lit';

export const orderFilterStyles = css`
  form {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 4px var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  label {
    display: grid;
    gap: 2px;
    font-weight: 600;
  }
  input,
  select {
    min-width: 0;
    font: inherit;
  }
  .wide {
    grid-column: 1 / -1;
  }
`;
