/**
 * The wiring room: how the product's rooms plug into the running server. server.ts builds a ServerContext and
 * hands it to each extension factory listed in wiring/index.ts; a factory returns its routers and background
 * work. Rooms never import server.ts; server.ts depends on this room, never the reverse.
 */
import type { Router } from 'express';
import type { SessionService } from '../auth/sessions.js';
import type { BigCommerceClient } from '../bigcommerce/index.js';
import type { Cache } from '../cache/index.js';
import type { AppConfig } from '../config.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../http/metrics.js';
import type { OrderLock } from '../notes/index.js';
import type { OpsRegistry } from '../ops/index.js';
import type { Sandbox } from '../sandbox/index.js';
import type { Repos, Store } from '../store/index.js';

/** Everything a room needs to plug its routes and background work into the running product. */
export interface ServerContext {
  config: AppConfig;
  logger: Logger;
  store: Store;
  /** Shorthand for store.repos. */
  repos: Repos;
  metrics: Metrics;
  /** One cache for the process; its events feed the cache metrics. */
  cache: Cache;
  now: () => number;
  /** One BigCommerce client per configured store, by store key. */
  clients: Readonly<Record<string, BigCommerceClient>>;
  clientFor(storeKey: string): BigCommerceClient;
  sessions: SessionService;
  /**
   * Serializes writes to one order (notes, status changes): BigCommerce has no conditional write, so two of our
   * read-modify-write cycles on one order must never overlap. In-process by default.
   */
  orderLock: OrderLock;
  /**
   * Whether this instance runs the store's scheduled sync (REDIS_URL: a leader lease per store; default: always,
   * one process).
   */
  isSyncLeader?: (storeKey: string) => Promise<boolean>;
  /** The URL the server listens on, once it does (null before): sandbox mode's webhook destination. */
  listeningUrl(): string | null;
  /** The running sandbox in sandbox mode, else null. */
  sandbox: Sandbox | null;
  /**
   * The operations console's registry: rooms register their providers here (`provideSync`, `providePush`,
   * `provideNotes`) and report what the console counts (`recordWebhookDelivery`); see ops/ops-providers.ts.
   */
  ops: OpsRegistry;
}

export interface ServerExtension {
  /** Mounted under /api/v1 behind requireSession. */
  apiRouters?: Router[];
  /** Mounted at the root without a session (e.g. /demo). */
  routers?: Router[];
  /** Called once the server listens (start workers here). */
  start?(): void | Promise<void>;
  /** Called after HTTP has drained, before the database closes (stop workers, flush). */
  stop?(): Promise<void>;
}

export type ExtendServer = (ctx: ServerContext) => ServerExtension | Promise<ServerExtension>;
