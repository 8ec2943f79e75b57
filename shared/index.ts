// The widget ⇄ BFF contract. Depends on zod only (zod/mini keeps the widget bundle small).
export * from './errors.js';
export * from './common.js';
export * from './session.js';
export * from './context.js';
export * from './order.js';
export * from './notes.js';
export * from './status.js';
export * from './status-change.js';
export * from './customers.js';
export * from './template.js';
