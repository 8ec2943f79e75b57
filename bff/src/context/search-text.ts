/**
 * How the shopper search compares text (issue 13.6): case, accents and the German transliterations do not count,
 * so "oeztuerk", "ozturk", "Öztürk" and "ÖZTÜRK" find each other. The same folding makes the index's search column
 * (when a record is indexed) and the query's terms, so both sides always agree.
 */

/** Letters NFD does not take apart into a base letter and a mark. */
const OWN_BASE: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case without accents: "Öztürk" → "ozturk", "Oeztuerk" → "oeztuerk", "Straße" → "strasse". */
export function stripAccents(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => OWN_BASE[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Also ae/oe/ue as the letter an umlaut would be written as: "oeztuerk" → "ozturk", "Müller" → "muller". */
export function foldText(text: string): string {
  return stripAccents(text).replace(/([aou])e/g, '$1');
}

/**
 * The index's search column for a record: each value folded and accent-stripped, one per line (a term never spans
 * two values). Both forms, because folding is not kind to a part that starts inside a pair: "eberg" is in
 * "oeberg" (accents stripped) but not in "oberg" (folded).
 */
export function toSearchText(values: readonly string[]): string {
  const lines = new Set<string>();
  for (const value of values) {
    const text = value.trim();
    if (text === '') continue;
    lines.add(foldText(text));
    lines.add(stripAccents(text));
  }
  return [...lines].join('\n');
}

/**
 * The query as terms, each with the spellings that may stand in the search column: every term must be found
 * (in any order), as one of its spellings. "Öztürk Lukas" → [["ozturk"], ["lukas"]].
 */
export function toSearchTerms(query: string): string[][] {
  return query
    .split(/\s+/)
    .filter((term) => term !== '')
    .map((term) => [...new Set([foldText(term), stripAccents(term)])]);
}

/** Whether every term is in one of the values (the index's rule, for records read live). */
export function hasEveryTerm(values: readonly string[], terms: readonly (readonly string[])[]): boolean {
  const text = toSearchText(values);
  return terms.every((spellings) => spellings.some((spelling) => text.includes(spelling)));
}
