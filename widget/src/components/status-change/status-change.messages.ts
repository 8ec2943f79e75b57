/**
 * The status change's words in every language, in its own chunk: it loads when an agent with `orders:write`
 * opens an order. Picked by the session's language, English when it has none.
 */
const en = {
  changeStatus: 'Change status',
  title: (order: string) => `Change the status of order ${order}`,
  currentStatus: 'Current status',
  newStatus: 'New status',
  reason: 'Reason',
  reasonHint: 'Written to the order’s staff notes with the ticket, your name and the time.',
  characterCount: (count: string, min: string, max: string) => `${count} characters (${min} to ${max})`,
  emailWarning: 'BigCommerce may e-mail the shopper about the new status, depending on the store’s settings.',
  submit: 'Change status',
  cancel: 'Cancel',
  close: 'Close',
  pending: 'Changing the status in BigCommerce…',
  changed: (status: string) => `Done: the order is now “${status}”.`,
  changedMeanwhile: (status: string) =>
    `Not changed: someone else changed the order in the meantime. It is now “${status}”.`,
  refused: 'Not changed.',
};

export type StatusChangeMessages = typeof en;

const de: StatusChangeMessages = {
  changeStatus: 'Status ändern',
  title: (order) => `Status von Bestellung ${order} ändern`,
  currentStatus: 'Aktueller Status',
  newStatus: 'Neuer Status',
  reason: 'Begründung',
  reasonHint:
    'Wird mit Ticket, Ihrem Namen und der Uhrzeit in die Mitarbeiternotizen der Bestellung geschrieben.',
  characterCount: (count, min, max) => `${count} Zeichen (${min} bis ${max})`,
  emailWarning:
    'BigCommerce schickt dem Kunden je nach Shop-Einstellungen eventuell eine E-Mail zum neuen Status.',
  submit: 'Status ändern',
  cancel: 'Abbrechen',
  close: 'Schließen',
  pending: 'Ändere den Status in BigCommerce…',
  changed: (status) => `Erledigt: Die Bestellung ist jetzt „${status}“.`,
  changedMeanwhile: (status) =>
    `Nicht geändert: Jemand anderes hat die Bestellung inzwischen geändert. Sie ist jetzt „${status}“.`,
  refused: 'Nicht geändert.',
};

export const STATUS_CHANGE_MESSAGES: Readonly<Record<string, StatusChangeMessages>> = { en, de };
