/**
 * The words of a long order list's pager and filter in every language, in the chunk of their own: only agents
 * whose shopper has more than one page of orders (or who filtered) load them.
 */
const en = {
  pages: 'Order pages',
  total: (n: string) => `${n} orders`,
  matching: (n: string, total: string) => `${n} of ${total} orders match the filter`,
  inWindow: (days: string) => ` (last ${days} days)`,
  page: (n: string) => `Page ${n}`,
  newer: 'Newer orders',
  older: 'Older orders',
  loading: 'Loading…',
  filter: 'Filter orders',
  filterOn: 'Filter orders (on)',
  filterFailed: 'The filter could not be loaded. Check the connection and try again.',
  number: 'Order number',
  status: 'Status',
  anyStatus: 'Any status',
  from: 'Created from',
  to: 'Created until',
  apply: 'Apply filter',
  clear: 'Clear filter',
};

export type OrderHistoryMessages = typeof en;

const de: OrderHistoryMessages = {
  pages: 'Bestellseiten',
  total: (n) => `${n} Bestellungen`,
  matching: (n, total) => `${n} von ${total} Bestellungen passen zum Filter`,
  inWindow: (days) => ` (letzte ${days} Tage)`,
  page: (n) => `Seite ${n}`,
  newer: 'Neuere Bestellungen',
  older: 'Ältere Bestellungen',
  loading: 'Wird geladen…',
  filter: 'Bestellungen filtern',
  filterOn: 'Bestellungen filtern (aktiv)',
  filterFailed: 'Der Filter konnte nicht geladen werden. Verbindung prüfen und erneut versuchen.',
  number: 'Bestellnummer',
  status: 'Status',
  anyStatus: 'Alle Status',
  from: 'Erstellt ab',
  to: 'Erstellt bis',
  apply: 'Filter anwenden',
  clear: 'Filter zurücksetzen',
};

export const ORDER_HISTORY_MESSAGES: Readonly<Record<string, OrderHistoryMessages>> = { en, de };
