import { extendWithContext } from './context-extension.js';
import { extendWithDemo } from './demo-extension.js';
import { extendWithMaintenance } from './maintenance-extension.js';
import { createNotesExtension } from './notes-extension.js';
import { createNovomindExtension } from './novomind-extension.js';
import { createOpsExtension } from './ops-extension.js';
import type { ExtendServer } from './server-context.js';
import { createStatusExtension } from './status-extension.js';
import { extendWithSync } from './sync-extension.js';

export { createContextDeps, extendWithContext } from './context-extension.js';
export {
  createStatusExtension,
  getTicketEventWriteBack,
  type StatusExtensionOptions,
  type StatusRoom,
} from './status-extension.js';
export { createNotesExtension, findNotes, notesOf, type NotesExtensionOptions } from './notes-extension.js';
export { createNovomindExtension, type NovomindExtensionOptions } from './novomind-extension.js';
export { extendWithDemo } from './demo-extension.js';
export { extendWithSync, syncOf } from './sync-extension.js';
export { createOpsExtension, type OpsExtensionOptions } from './ops-extension.js';
export type { ExtendServer, ServerContext, ServerExtension } from './server-context.js';

/**
 * The product's rooms, one factory each, so `npm start`, the e2e tests and the bench all run the same product.
 * A factory receives the ServerContext and returns its routers and background work, e.g.
 *   (ctx) => ({ apiRouters: [createXRouter(...)], start: () => worker.start(), stop: () => worker.stop() })
 * Tests that want only the platform pass `productExtensions: false`.
 */
export const PRODUCT_EXTENSIONS: readonly ExtendServer[] = [
  extendWithContext,
  extendWithSync,
  createNotesExtension(),
  createStatusExtension(),
  createNovomindExtension(),
  extendWithDemo,
  extendWithMaintenance,
  createOpsExtension(),
];
