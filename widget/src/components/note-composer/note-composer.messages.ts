/**
 * The composer's words in every language, in its own chunk: it loads when an agent with `notes:write` first
 * asks to write a note. Picked by the session's language, English when it has none.
 */
const en = {
  noteLabel: 'New staff note',
  noteHint: 'Stamped with ticket, name and time. Ctrl+Enter sends.',
  characterCount: (count: string, max: string) => `${count} / ${max} characters`,
  tooLong: (over: string) => `${over} characters too many`,
  sendNote: 'Add note',
  notePending: 'Writing the note to BigCommerce…',
  noteQueued: 'BigCommerce is unavailable; your note is saved and will be written automatically.',
  noteWritten: (time: string) => `Note written to BigCommerce at ${time}.`,
  noteFailed: 'The note could not be written.',
};

export type NoteComposerMessages = typeof en;

const de: NoteComposerMessages = {
  noteLabel: 'Neue Mitarbeiternotiz',
  noteHint: 'Mit Ticket, Name und Uhrzeit versehen. Strg+Eingabe sendet.',
  characterCount: (count, max) => `${count} / ${max} Zeichen`,
  tooLong: (over) => `${over} Zeichen zu viel`,
  sendNote: 'Notiz hinzufügen',
  notePending: 'Schreibe Notiz in BigCommerce…',
  noteQueued:
    'BigCommerce ist nicht erreichbar; Ihre Notiz ist gespeichert und wird automatisch geschrieben.',
  noteWritten: (time) => `Notiz um ${time} in BigCommerce geschrieben.`,
  noteFailed: 'Die Notiz konnte nicht geschrieben werden.',
};

export const NOTE_COMPOSER_MESSAGES: Readonly<Record<string, NoteComposerMessages>> = { en, de };
