/**
 * The schemas the shopper search parses its answers with, a chunk of their own that search-client.ts loads on first
 * use. Why not a static import: with the search's chunk (or any second lazily loaded chunk besides the status
 * change) importing zod schemas statically, rolldown 1.2 no longer keeps lit and zod in the widget's entry and moves
 * them into common chunks, 4 kB more for every page (measured; see widget/README.md, Size).
 */
export { CustomerSearchResponse, LinkResponse, LinkUndoResponse } from '../../shared/customers.js';
