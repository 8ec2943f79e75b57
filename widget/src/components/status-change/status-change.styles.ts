import { css } from 'lit';

/**
 * The dialog fills the sidebar's width (an iAGENT info tab is 320–480 px), scrolls when the tab is short, and
 * dims the order behind it. As in the composer, an empty `.outcome` stays rendered (a live region must exist
 * before its first text to be announced).
 */
export const statusChangeStyles = css`
  :host {
    display: inline;
  }
  dialog {
    width: min(100% - 2 * var(--_space), 28em);
    max-height: calc(100% - 2 * var(--_space));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_bg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  form {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend,
  label[for] {
    font-weight: 600;
  }
  textarea {
    width: 100%;
    min-height: 4.5em;
    resize: vertical;
  }
  .warn {
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  .outcome:empty {
    position: absolute;
  }
  .done {
    color: var(--oc-color-success, #17663a);
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
  }
`;
