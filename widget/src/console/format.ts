/** Numbers, ages and times as the console shows them; ages are measured against the server's clock. */

const numberFormat = new Intl.NumberFormat('en');
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

/** "12 s", "4 min", "2 h 5 min", "3 d". */
export function formatAge(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

/** "4 min ago" / "in 2 min", relative to `now` (the status's generatedAt). */
export function formatWhen(iso: string | null | undefined, now: string): string {
  if (!iso) return '—';
  const delta = (Date.parse(now) - Date.parse(iso)) / 1000;
  if (Math.abs(delta) < 1) return 'just now';
  return delta >= 0 ? `${formatAge(delta)} ago` : `in ${formatAge(-delta)}`;
}

/** 10:42:03 UTC, for titles and the "updated" line. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? timeFormat.format(new Date(iso)) : '—';
}

export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;
}
