import type { LinkResponse } from '../../../shared/customers.js';

/** The agent linked a shopper to the ticket and the BFF stored it. Composed: the host page may want to know. */
export class OcLinkEvent extends Event {
  static readonly eventName = 'oc-link';
  readonly link: LinkResponse;

  constructor(link: LinkResponse) {
    super(OcLinkEvent.eventName, { bubbles: true, composed: true });
    this.link = link;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-link': OcLinkEvent;
  }
}
