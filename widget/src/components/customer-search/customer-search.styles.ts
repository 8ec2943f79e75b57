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
  .list > li > .line {
    justify-self: stretch;
  }
  .preview {
    margin-top: var(--_space);
    padding: var(--_space);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
  }
  h3 {
    margin: 0 0 var(--_space);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_space);
  }
`;
