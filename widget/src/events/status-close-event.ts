/**
 * The status dialog was closed. `stale` says the order shown is out of date (its status changed, by this agent
 * or by someone else meanwhile), so the order context reloads it. Internal, not composed.
 */
export class OcStatusCloseEvent extends Event {
  static readonly eventName = 'oc-status-close';
  readonly stale: boolean;

  constructor(stale: boolean) {
    super(OcStatusCloseEvent.eventName, { bubbles: true, composed: false });
    this.stale = stale;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-status-close': OcStatusCloseEvent;
  }
}
