import type { Repos } from './repos.js';

/** Which engine holds the product's state (DESIGN §13). */
export type StoreEngine = 'sqlite' | 'postgres';

/**
 * The product's durable state behind one port: the repositories every room uses, readiness and shutdown.
 * `openStore` (store/index.ts) picks the engine; nothing outside store/ knows which one it got.
 */
export interface Store {
  readonly engine: StoreEngine;
  readonly repos: Repos;
  /** Readiness: true when a trivial query answers. Never throws. */
  check(): Promise<boolean>;
  close(): Promise<void>;
}
