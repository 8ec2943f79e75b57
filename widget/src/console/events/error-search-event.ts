/** The operator searched the error log (a correlation ID, a store, or neither for the latest entries). */
export class OcErrorSearchEvent extends Event {
  static readonly eventName = 'oc-error-search';
  readonly correlationId: string;
  readonly store: string;

  constructor(query: { correlationId: string; store: string }) {
    super(OcErrorSearchEvent.eventName, { bubbles: true, composed: true });
    this.correlationId = query.correlationId;
    this.store = query.store;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-error-search': OcErrorSearchEvent;
  }
}
