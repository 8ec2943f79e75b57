/**
 * The agent asked to write a note ("Write a note" or the N key). Internal, not composed: the order context loads
 * the note composer on first use and puts focus in it.
 */
export class OcComposeEvent extends Event {
  static readonly eventName = 'oc-compose';

  constructor() {
    super(OcComposeEvent.eventName, { bubbles: true, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-compose': OcComposeEvent;
  }
}
