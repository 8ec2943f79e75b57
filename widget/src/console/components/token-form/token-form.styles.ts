import { css } from 'lit';

export const tokenFormStyles = css`
  form {
    display: grid;
    gap: var(--_space);
    max-width: 420px;
    margin: 10vh auto 0;
    padding: calc(var(--_space) * 3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  h1 {
    margin: 0;
    font-size: 1.4em;
  }
  label {
    font-weight: 600;
  }
  input {
    width: 100%;
    padding: 6px var(--_space);
  }
  .refused {
    margin: 0;
    color: var(--_danger);
  }
`;
