import { BigCommerceSchemaError, type BigCommerceClient } from '../bigcommerce/index.js';
import type { StaffNotesPort } from './note-writer.js';

/** The writer's two calls on top of one store's BigCommerce client. */
export function createStaffNotesPort(
  client: Pick<BigCommerceClient, 'getOrder' | 'updateOrderStaffNotes'>,
  correlationId: string,
  signal?: AbortSignal,
  /** Our write landed with this date_modified: its webhook echo is ours, not a change (DESIGN §9). */
  onWritten?: (orderId: number, dateModified: string | null) => Promise<void>,
): StaffNotesPort {
  const call = { correlationId, signal };
  return {
    async readStaffNotes(orderId) {
      const order = await client.getOrder(orderId, call);
      return order === null ? null : order.staffNotes;
    },
    async writeStaffNotes(orderId, staffNotes) {
      try {
        const order = await client.updateOrderStaffNotes(orderId, staffNotes, call);
        await onWritten?.(orderId, order.dateModified);
      } catch (error) {
        // The PUT landed; only the echoed order was unreadable. The read-back decides, as for any PUT.
        if (error instanceof BigCommerceSchemaError) return;
        throw error;
      }
    },
  };
}
