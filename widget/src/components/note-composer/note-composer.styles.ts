import { css } from 'lit';

/**
 * An empty `.outcome` leaves the grid flow but stays rendered: a live region hidden with `display: none` is not
 * in the accessibility tree, so its first status text would arrive with it and often go unannounced.
 * (Comments inside the css template would ship in the bundle, hence this one lives here.)
 */
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
    position: absolute;
  }
  .written {
    color: var(--oc-color-success, #17663a);
  }
`;
