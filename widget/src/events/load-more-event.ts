/** The agent asked for the next page of orders. Internal to the widget: not composed. */
export class OcLoadMoreEvent extends Event {
  static readonly eventName = 'oc-load-more';

  constructor() {
    super(OcLoadMoreEvent.eventName, { bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-load-more': OcLoadMoreEvent;
  }
}
