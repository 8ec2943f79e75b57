import type { Money, OrderStatus } from '../../../shared/common.js';
import { BIGCOMMERCE_STATUS_NAMES, BRAND_NAMES, toCodeKey } from './code-names.js';
import type { ErrorMessages, Messages } from './messages-en.js';

export type { Messages } from './messages-en.js';

/**
 * Each language's table is a chunk of its own, loaded when the session's language is known: a session downloads
 * only the language it speaks (both together cost more than the widget's size budget allows).
 */
const TABLES: Record<string, () => Promise<Messages>> = {
  en: async () => (await import('./messages-en.js')).en,
  de: async () => (await import('./messages-de.js')).de,
};
const FALLBACK = 'en';

/** Most error texts wait in a chunk per language until an error is shown (those of an outage ship in `t`). */
const ERRORS: Record<string, () => Promise<Partial<ErrorMessages>>> = {
  en: async () => (await import('./errors-en.js')).errors,
  de: async () => (await import('./errors-de.js')).errors,
};

/** A code in words; `code` is set when we have no words for it, for a tooltip (the raw code is never the text). */
export interface CodeLabel {
  text: string;
  code: string | null;
}

/** Messages in the agent's language plus Intl formatting in the session's exact locale. */
export interface I18n {
  /** The BCP 47 locale used for numbers, currencies and dates (e.g. `de-AT`). */
  readonly locale: string;
  /** The language of the message table actually used (`en` when the locale's language has none). */
  readonly language: string;
  readonly t: Messages;
  money(money: Money): string;
  /** An amount taken off (a discount): always with a minus sign. */
  minus(money: Money): string;
  number(value: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  /** "3 minutes ago", from an age in seconds. */
  ago(ageSeconds: number): string;
  /** "3 days ago", "yesterday", "vor 2 Monaten": `iso` relative to `now` (ms). */
  relative(iso: string, now: number): string;
  /** The country's name in the session's language from its ISO 3166 code; `fallback` when the code is unknown. */
  country(iso2: string, fallback: string): string;
  /** Our words for a BigCommerce default status name; a label the merchant chose stays theirs. */
  status(status: Pick<OrderStatus, 'id' | 'label'>): string;
  paymentStatus(code: string): CodeLabel;
  transactionEvent(code: string): CodeLabel;
  transactionStatus(code: string): CodeLabel;
  /** A payment method or gateway: a code or BigCommerce's default name in words, a merchant's own name as it is. */
  payment(method: string): CodeLabel;
  /** A carrier code ("ups", "royalmail") by its name; anything else as it is. */
  carrier(name: string): string;
  /** The words for an error code; undefined until `loadErrors()` has brought the language's error texts. */
  error(code: string): string | undefined;
  /** Loads the error texts once; after a failed load, unknown codes read "Something went wrong (code)". */
  loadErrors(): Promise<void>;
}

const loaded = new Map<string, Promise<I18n>>();

/**
 * One instance per locale (tables are loaded once, formatters are costly to build); components share it.
 * A language we have no table for speaks English with the locale's numbers and dates. Rejects only when the
 * table's chunk cannot be loaded (then a later call tries again).
 */
export function loadI18n(requested?: string | null): Promise<I18n> {
  const locale = resolveLocale(requested);
  let i18n = loaded.get(locale);
  if (!i18n) {
    const wanted = locale.split('-')[0]?.toLowerCase() ?? FALLBACK;
    const language = TABLES[wanted] ? wanted : FALLBACK;
    i18n = TABLES[language]!().then((t) => createI18n(locale, language, t));
    i18n.catch(() => loaded.delete(locale));
    loaded.set(locale, i18n);
  }
  return i18n;
}

export function createI18n(locale: string, language: string, t: Messages): I18n {
  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'none' });
  const currencyFormats = new Map<string, Intl.NumberFormat>();

  function currencyFormat(currency: string): Intl.NumberFormat {
    let format = currencyFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      currencyFormats.set(currency, format);
    }
    return format;
  }

  // Amounts stay decimal strings end to end: Intl formats a numeric string exactly (no float rounding).
  function money({ amount, currency }: Money): string {
    try {
      return currencyFormat(currency).format(amount as Intl.StringNumericLiteral);
    } catch {
      return `${amount} ${currency}`;
    }
  }

  let errors: Partial<ErrorMessages> | null = null;
  let errorsLoading: Promise<void> | null = null;

  /** "in 3 days", "yesterday", "vor 2 Monaten": rounded to whole units, coarser as the distance grows. */
  function relative(seconds: number): string {
    const abs = Math.abs(seconds);
    if (abs < 60) return t.justNow;
    if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
    const days = Math.round(seconds / 86_400);
    // "vor 10 Tagen" says more than "letzte Woche"; weeks only from two on, months from five weeks.
    if (Math.abs(days) < 14) return relativeFormat.format(days, 'day');
    if (Math.abs(days) < 35) return relativeFormat.format(Math.round(days / 7), 'week');
    if (Math.abs(days) < 335) return relativeFormat.format(Math.round(days / 30.44), 'month');
    return relativeFormat.format(Math.round(days / 365.25), 'year');
  }

  function words(table: Record<string, string>, code: string): CodeLabel {
    if (!code) return { text: t.notAvailable, code: null };
    const text = table[code.toLowerCase()];
    return text ? { text, code: null } : { text: t.otherCode, code };
  }

  return {
    locale,
    language,
    t,
    money,
    minus: (value) => money({ ...value, amount: `-${value.amount.replace(/^-/, '')}` }),
    number: (value) => numberFormat.format(value),
    date: (iso) => formatDate(dateFormat, iso),
    dateTime: (iso) => formatDate(dateTimeFormat, iso),
    time: (iso) => formatDate(timeFormat, iso),
    // Floored, so data 90 s old is "1 minute ago", never "2 minutes ago".
    ago: (ageSeconds) => relative(-Math.floor(Math.max(0, ageSeconds) / 60) * 60),
    relative: (iso, now) => {
      const seconds = (Date.parse(iso) - now) / 1000;
      return Number.isNaN(seconds) ? iso : relative(seconds);
    },
    country: (iso2, fallback) => {
      try {
        return (/^[A-Za-z]{2}$/.test(iso2) && regions.of(iso2.toUpperCase())) || fallback;
      } catch {
        return fallback;
      }
    },
    status: ({ id, label }) => {
      const name = BIGCOMMERCE_STATUS_NAMES[id];
      const own = label.trim();
      const isDefault = name !== undefined && (own.toLowerCase() === name.toLowerCase() || own === `#${id}`);
      return (isDefault && t.statusNames[id]) || own;
    },
    paymentStatus: (code) => words(t.paymentStatuses, code),
    transactionEvent: (code) => words(t.transactionEvents, code),
    transactionStatus: (code) => words(t.transactionStatuses, code),
    payment: (method) => {
      if (!method) return { text: t.notAvailable, code: null };
      const key = toCodeKey(method);
      const text = (t.paymentWords as Record<string, string>)[key] ?? BRAND_NAMES.get(key);
      if (text) return { text, code: null };
      // Lower-case codes ("zip_pay") are BigCommerce's; anything else is a name the merchant gave the method.
      return /^[a-z0-9_.-]+$/.test(method)
        ? { text: t.otherCode, code: method }
        : { text: method, code: null };
    },
    carrier: (name) => BRAND_NAMES.get(toCodeKey(name)) ?? name,
    error: (code) =>
      (t.errors as Record<string, string | undefined>)[code] ??
      (errors ? ((errors as Record<string, string | undefined>)[code] ?? t.unknownError(code)) : undefined),
    loadErrors: () =>
      (errorsLoading ??= ERRORS[language]!()
        .catch(() => ({}))
        .then((loaded) => {
          errors = loaded;
        })),
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
