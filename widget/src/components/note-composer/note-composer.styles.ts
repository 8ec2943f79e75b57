import { css } from 'lit';

export const noteComposerStyles = css`
  form {
    display: grid;
    gap: 4px;
    margin-top: var(--_space);
  }
  label {
    font-weight: 600;
  }
  textarea {
    min-height: 5.5em;
    resize: vertical;
  }
  [aria-invalid='true'],
  .over {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .outcome:empty {
    display: none;
  }
  .written {
    color: var(--oc-color-success, #17663a);
  }
`;
