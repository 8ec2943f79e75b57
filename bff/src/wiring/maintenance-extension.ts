import type { ExtendServer } from './server-context.js';

/** How often retention runs; hourly keeps the tables near their bounds without a scan per insert. */
export const MAINTENANCE_INTERVAL_MS = 3_600_000;
const HOUR = 3_600_000;

/**
 * Retention for what only grows: used jtis and expired sessions, the error log and the ticket events (bounds
 * from the config). One pass at start, then hourly; a failed pass is logged and tried again next time.
 */
export const extendWithMaintenance: ExtendServer = (ctx) => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function pass(): Promise<void> {
    const now = ctx.now();
    try {
      const removed = {
        jtis: await ctx.repos.jti.purgeExpired(now),
        sessions: await ctx.repos.sessions.purgeExpired(now),
        errorLog: await ctx.repos.errorLog.purge(now),
        ticketEvents: await ctx.repos.ticketEvents.purge(now),
        // BigCommerce retries a delivery for 48 hours: a body seen within 49 is still a duplicate.
        webhookDeliveries: await ctx.repos.webhookDeliveries.purge(now - 49 * HOUR),
        // The feed keeps 14 days (DESIGN §10); our own writes matter only until their echo came back.
        orderChanges: await ctx.repos.orderChanges.purge(now - 14 * 24 * HOUR),
        ownWrites: await ctx.repos.ownWrites.purge(now - 72 * HOUR),
      };
      ctx.logger.debug({ room: 'maintenance', removed }, 'retention pass done');
    } catch (error) {
      ctx.logger.warn({ room: 'maintenance', err: error }, 'retention pass failed; trying again later');
    }
  }

  return {
    start() {
      running = pass();
      timer = setInterval(() => {
        running = pass();
      }, MAINTENANCE_INTERVAL_MS);
      // Retention must never be what keeps the process alive.
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
};
