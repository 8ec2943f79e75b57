/**
 * The agent chose an order in the list. Bubbles and is composed so the embedding page (an iAGENT view)
 * may follow what the agent looks at.
 */
export class OcOrderSelectEvent extends Event {
  static readonly eventName = 'oc-order-select';
  readonly orderId: number;

  constructor(orderId: number) {
    super(OcOrderSelectEvent.eventName, { bubbles: true, composed: true });
    this.orderId = orderId;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-order-select': OcOrderSelectEvent;
  }
}
