import type { AdminAction } from '../../../../shared/admin.js';

/** The operator pressed one of a store's action buttons; the console runs it. */
export class OcAdminActionEvent extends Event {
  static readonly eventName = 'oc-admin-action';
  readonly store: string;
  readonly action: AdminAction;

  constructor(store: string, action: AdminAction) {
    super(OcAdminActionEvent.eventName, { bubbles: true, composed: true });
    this.store = store;
    this.action = action;
  }
}

declare global {
  interface HTMLElementEventMap {
    'oc-admin-action': OcAdminActionEvent;
  }
}
