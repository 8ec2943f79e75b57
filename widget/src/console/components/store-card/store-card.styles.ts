import { css } from 'lit';

export const storeCardStyles = css`
  :host {
    height: 100%;
  }
  article {
    box-sizing: border-box;
    height: 100%;
    display: grid;
    align-content: start;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-left: 6px solid var(--_state);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .healthy {
    --_state: var(--oc-state-healthy, #1a7f37);
    --_state-bg: var(--oc-state-healthy-bg, #dafbe1);
    --_state-text: var(--oc-state-healthy-text, #0f5323);
  }
  .degraded {
    --_state: var(--oc-state-degraded, #bf8700);
    --_state-bg: var(--oc-state-degraded-bg, #fff4d6);
    --_state-text: var(--oc-state-degraded-text, #6b4300);
  }
  .failing {
    --_state: var(--oc-state-failing, #cf222e);
    --_state-bg: var(--oc-state-failing-bg, #ffebe9);
    --_state-text: var(--oc-state-failing-text, #8c0b1e);
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.2em;
  }
  .key {
    font-weight: 400;
    color: var(--_muted);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    font-weight: 700;
    color: var(--_state-text);
    background: var(--_state-bg);
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_state);
  }
  .reasons {
    display: grid;
    gap: 4px;
  }
  .reasons li {
    padding: 6px var(--_space);
    border-radius: 4px;
    color: var(--_state-text);
    background: var(--_state-bg);
  }
  .reasons li.failing-reason {
    --_state-bg: var(--oc-state-failing-bg, #ffebe9);
    --_state-text: var(--oc-state-failing-text, #8c0b1e);
  }
  .fine {
    margin: 0;
    color: var(--_muted);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: var(--_space);
  }
  .sections {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
    gap: var(--_space) calc(var(--_space) * 2);
  }
  h3 {
    margin: 0 0 2px;
    font-size: 0.95em;
  }
  .kv {
    font-size: 0.92em;
  }
  .kv dd {
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .result {
    margin: 0;
    min-height: 1.45em;
  }
  .result.refused {
    color: var(--_danger);
  }
`;
