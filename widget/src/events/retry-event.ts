/** The agent pressed Retry on an error panel. Internal: whoever rendered the panel knows what to retry. */
export class OcRetryEvent extends Event {
  static readonly eventName = 'oc-retry';

  constructor() {
    super(OcRetryEvent.eventName, { bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-retry': OcRetryEvent;
  }
}
