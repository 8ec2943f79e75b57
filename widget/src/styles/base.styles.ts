import { css } from 'lit';

/**
 * Shared by every component. The public theme is the `--oc-*` custom properties, which inherit through
 * shadow roots from the embedding page; each is read once here into a private `--_*` name with its default,
 * so defaults live in one place and a component also looks right when used alone.
 * Utility classes shared by several components live here too, so their CSS ships once.
 */
export const baseStyles = css`
  :host {
    --_bg: var(--oc-color-bg, #fff);
    --_surface: var(--oc-color-surface, #f6f8fa);
    --_text: var(--oc-color-text, #1f2328);
    --_muted: var(--oc-color-muted, #57606a);
    --_border: var(--oc-color-border, #d0d7de);
    --_accent: var(--oc-color-accent, #0a5bb5);
    --_danger: var(--oc-color-danger, #b42318);
    --_warning: var(--oc-color-warning, #7a4b00);
    --_warning-bg: var(--oc-color-warning-bg, #fff4d6);
    --_radius: var(--oc-radius, 6px);
    --_space: var(--oc-space, 8px);
    display: block;
    font: var(--oc-font-size, 14px) / 1.45
      var(--oc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
  }
  * {
    box-sizing: border-box;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h2,
  h3,
  h4,
  p {
    margin: 0 0 4px;
    font-size: 1em;
  }
  h2 {
    font-size: 1.1em;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  a {
    color: var(--_accent);
  }
  button,
  input,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 4px var(--_space);
  }
  button {
    cursor: pointer;
  }
  button:hover {
    background: var(--_surface);
  }
  .primary,
  .primary:hover {
    color: var(--oc-color-accent-text, #fff);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .link,
  .link:hover {
    border: 0;
    padding: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
  }
  button:disabled,
  [aria-disabled='true'] {
    cursor: default;
    opacity: 0.65;
  }
  :focus-visible {
    outline: 2px solid var(--oc-color-focus, var(--_accent));
    outline-offset: 2px;
  }
  .small,
  .muted {
    color: var(--_muted);
  }
  .small {
    font-size: 0.9em;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 2px var(--_space);
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .list {
    display: grid;
    gap: 6px;
  }
  .list > li,
  .card {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .kv {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 2px var(--_space);
    margin: 0;
  }
  .kv dt {
    color: var(--_muted);
  }
  .kv dd {
    margin: 0;
    text-align: end;
    overflow-wrap: anywhere;
  }
  .tag {
    padding: 0 6px;
    border: 1px solid;
    border-radius: 9px;
    font-size: 0.85em;
    white-space: nowrap;
  }
  .warn {
    color: var(--_warning);
    background: var(--_warning-bg);
  }
`;
