import type { ContextFilter } from '../../../shared/context.js';

/** The agent applied an order filter (null: cleared it). Internal: not composed. */
export class OcFilterEvent extends Event {
  static readonly eventName = 'oc-filter';
  readonly filter: ContextFilter | null;

  constructor(filter: ContextFilter | null) {
    super(OcFilterEvent.eventName, { bubbles: true, composed: false });
    this.filter = filter;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-filter': OcFilterEvent;
  }
}
