/**
 * The widget bundle (served by the BFF at /widget/order-context.js). Loading it defines
 * `<oc-order-context>` and the elements it uses; the exports are for pages that want the parts.
 */
export { OcOrderContext } from './components/order-context/order-context.js';
export { createBffClient, type BffClient, type BffClientOptions } from './bff-client.js';
export { BffError } from './bff-error.js';
export { OcOrderSelectEvent } from './events/order-select-event.js';
export { OcBackEvent } from './events/back-event.js';
export { OcRefreshEvent } from './events/refresh-event.js';
export { OcNoteWrittenEvent } from './events/note-written-event.js';
export { OcLinkEvent } from './events/link-event.js';
export { OcLinkUndoEvent } from './events/link-undo-event.js';
