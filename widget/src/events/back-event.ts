/** The agent left the order detail (Back button or Escape). Composed: the host page may track navigation. */
export class OcBackEvent extends Event {
  static readonly eventName = 'oc-back';

  constructor() {
    super(OcBackEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-back': OcBackEvent;
  }
}
