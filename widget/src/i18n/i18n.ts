import type { Money } from '../../../shared/common.js';
import { de } from './messages-de.js';
import { en, type Messages } from './messages-en.js';

export type { Messages } from './messages-en.js';

const TABLES: Record<string, Messages> = { en, de };
const FALLBACK = 'en';

/** Messages in the agent's language plus Intl formatting in the session's exact locale. */
export interface I18n {
  /** The BCP 47 locale used for numbers, currencies and dates (e.g. `de-AT`). */
  readonly locale: string;
  /** The language of the message table actually used (`en` when the locale's language has none). */
  readonly language: string;
  readonly t: Messages;
  money(money: Money): string;
  number(value: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  /** "3 min. ago", from an age in whole seconds. */
  ago(ageSeconds: number): string;
  error(code: string): string;
}

const cache = new Map<string, I18n>();

/** One instance per locale (formatters are costly to build); components share it. */
export function createI18n(requested?: string | null): I18n {
  const locale = resolveLocale(requested);
  let i18n = cache.get(locale);
  if (!i18n) {
    i18n = buildI18n(locale);
    cache.set(locale, i18n);
  }
  return i18n;
}

function buildI18n(locale: string): I18n {
  const language = locale.split('-')[0]?.toLowerCase() ?? FALLBACK;
  const t = TABLES[language] ?? en;
  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
  const currencyFormats = new Map<string, Intl.NumberFormat>();

  function currencyFormat(currency: string): Intl.NumberFormat {
    let format = currencyFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      currencyFormats.set(currency, format);
    }
    return format;
  }

  return {
    locale,
    language: TABLES[language] ? language : FALLBACK,
    t,
    // Amounts stay decimal strings end to end: Intl formats a numeric string exactly (no float rounding).
    money: ({ amount, currency }) => {
      try {
        return currencyFormat(currency).format(amount as Intl.StringNumericLiteral);
      } catch {
        return `${amount} ${currency}`;
      }
    },
    number: (value) => numberFormat.format(value),
    date: (iso) => formatDate(dateFormat, iso),
    dateTime: (iso) => formatDate(dateTimeFormat, iso),
    time: (iso) => formatDate(timeFormat, iso),
    ago: (ageSeconds) => {
      const seconds = Math.max(0, Math.floor(ageSeconds));
      if (seconds < 60) return t.justNow;
      if (seconds < 3600) return relativeFormat.format(-Math.floor(seconds / 60), 'minute');
      if (seconds < 86_400) return relativeFormat.format(-Math.floor(seconds / 3600), 'hour');
      return relativeFormat.format(-Math.floor(seconds / 86_400), 'day');
    },
    error: (code) => (t.errors as Record<string, string | undefined>)[code] ?? t.unknownError(code),
  };
}

function resolveLocale(requested?: string | null): string {
  if (!requested) return FALLBACK;
  try {
    const [canonical] = Intl.getCanonicalLocales(requested);
    // Only locales the browser can format in; otherwise Intl would silently pick its own default.
    const supported = canonical ? Intl.NumberFormat.supportedLocalesOf(canonical) : [];
    return supported[0] ?? FALLBACK;
  } catch {
    return FALLBACK;
  }
}

function formatDate(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}
