/**
 * The search's words in every language, in its own chunk: only agents who search (no match, "Wrong shopper?",
 * `links:write`) load them. Picked by the session's language, English when it has none.
 */
const en = {
  searchTitle: 'Find the shopper',
  searchLabel: 'Name, email or customer number',
  search: 'Search',
  searching: 'Searching…',
  searchHint: 'Find the shopper and link them to this ticket.',
  noResults: (query: string) => `No shoppers found for “${query}”.`,
  customerNumber: (id: string) => `Customer #${id}`,
  linkToTicket: 'Link to this ticket',
  linkOrder: (id: string) => `Link order #${id} to this ticket`,
  linking: 'Linking…',
  closeSearch: 'Close search',
};

export type CustomerSearchMessages = typeof en;

const de: CustomerSearchMessages = {
  searchTitle: 'Kundenkonto suchen',
  searchLabel: 'Name, E-Mail oder Kundennummer',
  search: 'Suchen',
  searching: 'Suche läuft…',
  searchHint: 'Kundenkonto suchen und mit diesem Ticket verknüpfen.',
  noResults: (query) => `Keine Kundenkonten für „${query}“ gefunden.`,
  customerNumber: (id) => `Kundennr. ${id}`,
  linkToTicket: 'Mit diesem Ticket verknüpfen',
  linkOrder: (id) => `Bestellung #${id} mit diesem Ticket verknüpfen`,
  linking: 'Wird verknüpft…',
  closeSearch: 'Suche schließen',
};

export const CUSTOMER_SEARCH_MESSAGES: Readonly<Record<string, CustomerSearchMessages>> = { en, de };
