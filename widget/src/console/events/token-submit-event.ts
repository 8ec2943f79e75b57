/** The operator entered the admin token. */
export class OcTokenSubmitEvent extends Event {
  static readonly eventName = 'oc-token-submit';
  readonly token: string;

  constructor(token: string) {
    super(OcTokenSubmitEvent.eventName, { bubbles: true, composed: true });
    this.token = token;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-token-submit': OcTokenSubmitEvent;
  }
}
