import { css } from 'lit';

export const errorLogStyles = css`
  section {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  h2 {
    margin: 0;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .field {
    display: grid;
    gap: 2px;
  }
  .field input {
    width: 22em;
    max-width: 100%;
  }
  select {
    font: inherit;
    padding: 4px var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  .table {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.92em;
  }
  th,
  td {
    padding: 4px var(--_space);
    border-bottom: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  td code {
    overflow-wrap: anywhere;
  }
  .details {
    font-family: ui-monospace, monospace;
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .refused {
    color: var(--_danger);
  }
`;
