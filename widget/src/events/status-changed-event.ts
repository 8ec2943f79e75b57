import type { StatusChangeResponse } from '../../../shared/status-change.js';

/**
 * The agent changed the order's status and BigCommerce has it (the answer says which status, from which, and
 * the reason). Composed so the iAGENT page can react, e.g. note it on the ticket.
 */
export class OcStatusChangedEvent extends Event {
  static readonly eventName = 'oc-status-changed';
  readonly change: StatusChangeResponse;

  constructor(change: StatusChangeResponse) {
    super(OcStatusChangedEvent.eventName, { bubbles: true, composed: true });
    this.change = change;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-status-changed': OcStatusChangedEvent;
  }
}
