/**
 * The /demo desk's sandbox control: break a store on purpose (BigCommerce down, a 429 storm, webhook deliveries
 * held back) so the operations console has something to show, and repair it again. Implemented over the
 * sandbox's store fault knobs by the wiring; the desk only knows this interface.
 */
export const DEMO_FAULTS = ['outage', 'rate-limit', 'hooks-paused', 'clear'] as const;
export type DemoFault = (typeof DEMO_FAULTS)[number];

export interface DemoStoreFaultState {
  key: string;
  label: string;
  /** The faults in effect, in words ("outage", "429 storm", "webhooks paused"); empty when the store is fine. */
  active: string[];
}

export interface DemoStoreFaults {
  list(): DemoStoreFaultState[];
  /** Sets the fault, then calls the store once so the console sees its effect at its next refresh. */
  apply(storeKey: string, fault: DemoFault): Promise<void>;
}

export const DEMO_FAULT_LABELS: Record<DemoFault, string> = {
  outage: 'Outage',
  'rate-limit': '429 storm',
  'hooks-paused': 'Pause webhooks',
  clear: 'Repair',
};
