import type { LinkResponse } from '../../../shared/customers.js';

/**
 * The agent took a link back within its minute: the ticket's link is now `restored` (the one before, as it was), or
 * none. Composed, like `oc-link`: the host page may want to know.
 */
export class OcLinkUndoEvent extends Event {
  static readonly eventName = 'oc-link-undo';
  readonly restored: LinkResponse | null;

  constructor(restored: LinkResponse | null) {
    super(OcLinkUndoEvent.eventName, { bubbles: true, composed: true });
    this.restored = restored;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-link-undo': OcLinkUndoEvent;
  }
}
