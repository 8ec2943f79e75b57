import type { AppDatabase } from './db.js';
import { createErrorLogRepo, type ErrorLogRepo, type ErrorLogRetention } from './error-log-repo.js';
import { createJtiRepo, type JtiRepo } from './jti-repo.js';
import { createLinkRepo, type LinkRepo } from './link-repo.js';
import { createSessionRepo, type SessionRepo } from './session-repo.js';
import { createTicketEventRepo, type TicketEventRepo } from './ticket-event-repo.js';

export { openDatabase, DATABASE_FILE, type AppDatabase, type OpenDatabaseOptions } from './db.js';
export { MIGRATIONS, runMigrations, type Migration } from './migrations.js';
export type { ErrorLogEntry, ErrorLogRecord, ErrorLogRepo, ErrorLogRetention } from './error-log-repo.js';
export type { JtiRepo } from './jti-repo.js';
export type { LinkRecord, LinkRepo } from './link-repo.js';
export type { SessionRecord, SessionRepo } from './session-repo.js';
export type { TicketEvent, TicketEventRecord, TicketEventRepo } from './ticket-event-repo.js';

export interface Repos {
  jti: JtiRepo;
  sessions: SessionRepo;
  links: LinkRepo;
  errorLog: ErrorLogRepo;
  ticketEvents: TicketEventRepo;
}

export function createRepos(db: AppDatabase, options: { errorLogRetention?: ErrorLogRetention } = {}): Repos {
  return {
    jti: createJtiRepo(db),
    sessions: createSessionRepo(db),
    links: createLinkRepo(db),
    errorLog: createErrorLogRepo(db, options.errorLogRetention),
    ticketEvents: createTicketEventRepo(db),
  };
}
