/** The agent opened ("Wrong shopper?") or closed the shopper search. Internal: not composed. */
export class OcSearchToggleEvent extends Event {
  static readonly eventName = 'oc-search-toggle';
  readonly open: boolean;

  constructor(open: boolean) {
    super(OcSearchToggleEvent.eventName, { bubbles: true, composed: false });
    this.open = open;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-search-toggle': OcSearchToggleEvent;
  }
}
