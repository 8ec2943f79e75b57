/**
 * The agent asked for fresh data (bypassing the BFF cache). Composed so a host page could log that the
 * agent distrusted what they saw.
 */
export class OcRefreshEvent extends Event {
  static readonly eventName = 'oc-refresh';

  constructor() {
    super(OcRefreshEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-refresh': OcRefreshEvent;
  }
}
