import { css } from 'lit';

/**
 * Each status family has its own colour pair (contrast >= 4.5:1); the merchant's label text always carries
 * the meaning too, so colour is never the only signal. Override per family with
 * `--oc-status-<family>-color` / `--oc-status-<family>-bg`.
 */
export const statusBadgeStyles = css`
  .status {
    padding: 0 8px;
    border: 1px solid;
    border-radius: 9px;
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
    color: var(--_fg, #3d4652);
    background: var(--_bg-status, #eef1f4);
  }
  [data-family='pending'] {
    --_fg: var(--oc-status-pending-color);
    --_bg-status: var(--oc-status-pending-bg);
  }
  [data-family='awaiting'] {
    --_fg: var(--oc-status-awaiting-color, #7a4b00);
    --_bg-status: var(--oc-status-awaiting-bg, #fff4d6);
  }
  [data-family='shipped'] {
    --_fg: var(--oc-status-shipped-color, #0b4f96);
    --_bg-status: var(--oc-status-shipped-bg, #e3f0ff);
  }
  [data-family='completed'] {
    --_fg: var(--oc-status-completed-color, #17663a);
    --_bg-status: var(--oc-status-completed-bg, #dcf5e3);
  }
  [data-family='cancelled'] {
    --_fg: var(--oc-status-cancelled-color, #4a4f55);
    --_bg-status: var(--oc-status-cancelled-bg, #eceef0);
  }
  [data-family='refunded'] {
    --_fg: var(--oc-status-refunded-color, #5b2d9c);
    --_bg-status: var(--oc-status-refunded-bg, #f1e8ff);
  }
  [data-family='attention'] {
    --_fg: var(--oc-status-attention-color, #a3201a);
    --_bg-status: var(--oc-status-attention-bg, #ffe4e1);
  }
`;
