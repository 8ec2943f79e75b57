/** The agent asked for the older or the newer page of orders (the list is paged in place). Internal: not composed. */
export class OcPageEvent extends Event {
  static readonly eventName = 'oc-page';
  readonly older: boolean;

  constructor(older: boolean) {
    super(OcPageEvent.eventName, { bubbles: true, composed: false });
    this.older = older;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-page': OcPageEvent;
  }
}
