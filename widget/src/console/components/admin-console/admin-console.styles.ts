import { css } from 'lit';

export const adminConsoleStyles = css`
  :host {
    background: var(--oc-color-page, #eef1f4);
  }
  main {
    display: grid;
    gap: calc(var(--_space) * 2);
    max-width: 1500px;
    margin: 0 auto;
    padding: calc(var(--_space) * 2);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 2);
  }
  h1 {
    margin: 0;
    font-size: 1.5em;
  }
  h1:focus {
    outline: none;
  }
  .sandbox {
    padding: 2px 8px;
    border-radius: 4px;
    font-size: 0.85em;
    font-weight: 600;
    color: #3d2c00;
    background: #ffd166;
  }
  .updated {
    margin: 0 0 0 auto;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  .banner {
    margin: 0;
    padding: var(--_space);
    border-radius: var(--_radius);
    color: var(--_warning);
    background: var(--_warning-bg);
  }
  .stores {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr));
    gap: calc(var(--_space) * 2);
  }
`;
