import { BigCommerceSchemaError, type BigCommerceClient } from '../bigcommerce/index.js';
import type { StaffNotesPort } from './note-writer.js';

/** The writer's two calls on top of one store's BigCommerce client. */
export function createStaffNotesPort(
  client: Pick<BigCommerceClient, 'getOrder' | 'updateOrderStaffNotes'>,
  correlationId: string,
  signal?: AbortSignal,
): StaffNotesPort {
  const call = { correlationId, signal };
  return {
    async readStaffNotes(orderId) {
      const order = await client.getOrder(orderId, call);
      return order === null ? null : order.staffNotes;
    },
    async writeStaffNotes(orderId, staffNotes) {
      try {
        await client.updateOrderStaffNotes(orderId, staffNotes, call);
      } catch (error) {
        // The PUT landed; only the echoed order was unreadable. The read-back decides, as for any PUT.
        if (error instanceof BigCommerceSchemaError) return;
        throw error;
      }
    },
  };
}
