import type { Kysely } from 'kysely';
import { createErrorLogRepo, type ErrorLogRepo } from './repos/error-log-repo.js';
import { createJtiRepo, type JtiRepo } from './repos/jti-repo.js';
import { createLinkRepo, type LinkRepo } from './repos/link-repo.js';
import { createNoteOutboxRepo, type NoteOutboxRepo } from './repos/note-outbox-repo.js';
import { createNovomindChangeRepo, type NovomindChangeRepo } from './repos/novomind-change-repo.js';
import { createNovomindEventRepo, type NovomindEventRepo } from './repos/novomind-event-repo.js';
import { createNovomindPushRepo, type NovomindPushRepo } from './repos/novomind-push-repo.js';
import { createNovomindTicketRepo, type NovomindTicketRepo } from './repos/novomind-ticket-repo.js';
import { createOrderChangeRepo, type OrderChangeRepo } from './repos/order-change-repo.js';
import { createOrderIndexRepo, type OrderIndexRepo } from './repos/order-index-repo.js';
import { createOwnWriteRepo, type OwnWriteRepo } from './repos/own-write-repo.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from './repos/retention.js';
import { createSessionRepo, type SessionRepo } from './repos/session-repo.js';
import { createStatusChangeRepo, type StatusChangeRepo } from './repos/status-change-repo.js';
import { createSyncStateRepo, type SyncStateRepo } from './repos/sync-state-repo.js';
import { createTicketEventRepo, type TicketEventRepo } from './repos/ticket-event-repo.js';
import { createWebhookDeliveryRepo, type WebhookDeliveryRepo } from './repos/webhook-delivery-repo.js';
import type { Database } from './schema.js';

/** Every repository of the product. Rooms receive the ones they need, never the query builder. */
export interface Repos {
  jti: JtiRepo;
  sessions: SessionRepo;
  links: LinkRepo;
  errorLog: ErrorLogRepo;
  ticketEvents: TicketEventRepo;
  noteOutbox: NoteOutboxRepo;
  orderIndex: OrderIndexRepo;
  syncState: SyncStateRepo;
  webhookDeliveries: WebhookDeliveryRepo;
  orderChanges: OrderChangeRepo;
  ownWrites: OwnWriteRepo;
  statusChanges: StatusChangeRepo;
  novomindTickets: NovomindTicketRepo;
  novomindEvents: NovomindEventRepo;
  novomindChanges: NovomindChangeRepo;
  novomindPush: NovomindPushRepo;
}

/**
 * One implementation per repository for both engines: the query builder speaks SQLite and PostgreSQL, and
 * the statements here use only what both support (ON CONFLICT, RETURNING, sub-selects).
 */
export function createRepos(db: Kysely<Database>, retention: RetentionPolicy = DEFAULT_RETENTION): Repos {
  return {
    jti: createJtiRepo(db),
    sessions: createSessionRepo(db),
    links: createLinkRepo(db),
    errorLog: createErrorLogRepo(db, retention.errorLog),
    ticketEvents: createTicketEventRepo(db, retention.ticketEvents),
    noteOutbox: createNoteOutboxRepo(db),
    orderIndex: createOrderIndexRepo(db),
    syncState: createSyncStateRepo(db),
    webhookDeliveries: createWebhookDeliveryRepo(db),
    orderChanges: createOrderChangeRepo(db),
    ownWrites: createOwnWriteRepo(db),
    statusChanges: createStatusChangeRepo(db),
    novomindTickets: createNovomindTicketRepo(db),
    novomindEvents: createNovomindEventRepo(db),
    novomindChanges: createNovomindChangeRepo(db),
    novomindPush: createNovomindPushRepo(db),
  };
}
