// The `malformed` fault: breaks one field of the first record in a response (id becomes a string and a
// money/date field becomes garbage), so a client's schema validation and "skipped" accounting get exercised.

const BREAKABLE_FIELDS: [string, unknown][] = [
  ['total_inc_tax', 'not-money'],
  ['amount', 'not-money'],
  ['total_amount', 'not-money'],
  ['date_created', 'yesterday-ish'],
  ['email', 42],
];

function corruptRecord(record: Record<string, unknown>): void {
  if (typeof record['id'] === 'number') record['id'] = String(record['id']);
  const field = BREAKABLE_FIELDS.find(([name]) => name in record);
  if (field) record[field[0]] = field[1];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Returns a corrupted deep copy; the live data is never touched. */
export function corruptBody(body: unknown): unknown {
  if (body === undefined) return body;
  const copy: unknown = JSON.parse(JSON.stringify(body));
  if (Array.isArray(copy)) {
    if (isRecord(copy[0])) corruptRecord(copy[0]);
  } else if (isRecord(copy)) {
    const data = copy['data'];
    if (Array.isArray(data) && isRecord(data[0])) corruptRecord(data[0]);
    else if (!Array.isArray(data)) corruptRecord(copy);
  }
  return copy;
}
