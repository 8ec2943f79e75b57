import * as z from 'zod/mini';
import { TICKET_ID_PATTERN, TicketRequest } from '../../../shared/s2s.js';
import { LOCALE_PATTERN, resolveMarket, type AppConfig, type MarketConfig } from '../config.js';
import { AppError } from '../core/app-error.js';
import type { NovomindTicketStatus } from '../store/index.js';
import type { S2sClient } from './s2s-token.js';

/**
 * A registration after normalization: "" and whitespace mean "not given", as in embed tokens, and what is not
 * given keeps what the ticket had (novomind sends empty fields for what it does not know).
 */
export interface TicketInput {
  email: string | null;
  customer: string | null;
  market: string | null;
  locale: string | null;
  channel: number | null;
  status: NovomindTicketStatus | null;
  orderId: number | null;
}

// The embed token's rule, so a ticket registered here and opened in the widget means the same shopper.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

function blankToNull(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** `:ticket` of a path; 400 for anything novomind could not have issued. */
export function parseTicketId(value: unknown): string {
  if (typeof value !== 'string' || !TICKET_ID_PATTERN.test(value)) {
    throw new AppError('invalid_request', {
      message: 'A ticket id is 1–128 characters of letters, digits, ".", "_", ":" and "-".',
    });
  }
  return value;
}

/** Normalizes a registration; throws a ZodError or AppError (400) for what cannot be right. */
export function parseTicketInput(body: unknown): TicketInput {
  const raw = z.parse(TicketRequest, body ?? {});
  return normalizeTicketInput(raw);
}

export function normalizeTicketInput(raw: TicketRequest): TicketInput {
  const email = blankToNull(raw.email);
  if (email !== null && !EMAIL_PATTERN.test(email)) {
    throw new AppError('invalid_request', { message: 'The email is not an email address.' });
  }
  const locale = blankToNull(raw.locale);
  if (locale !== null && !LOCALE_PATTERN.test(locale)) {
    throw new AppError('invalid_request', { message: 'The locale must be a BCP 47 tag like "de-DE".' });
  }
  const channel = blankToNull(raw.channel);
  const order = blankToNull(raw.order);
  return {
    email,
    customer: blankToNull(raw.customer),
    market: blankToNull(raw.market),
    locale,
    channel: channel === null ? null : Number(channel),
    status: raw.status ?? null,
    orderId: order === null ? null : Number(order),
  };
}

/**
 * The ticket's market, exactly as an embed token's (DESIGN §8: `market` > `locale` > channel > default); a
 * client limited to a market registers only there. 400 for a market the config does not have.
 */
export function routeTicket(
  config: Pick<AppConfig, 'markets' | 'defaultMarket'>,
  client: S2sClient,
  input: Pick<TicketInput, 'market' | 'locale' | 'channel'>,
): MarketConfig {
  if (client.market !== null) {
    if (input.market !== null && input.market !== client.market.id) {
      throw new AppError('forbidden', {
        message: `This s2s client may register tickets of market "${client.market.id}" only.`,
      });
    }
    return client.market;
  }
  const market = resolveMarket(config, input);
  if (market === null) {
    throw new AppError('invalid_request', { message: `There is no market "${input.market ?? ''}".` });
  }
  return market;
}

/** The widget's session language for the same ticket: the given locale, else the market's first, else "en". */
export function resolveLocale(market: MarketConfig, locale: string | null): string {
  return locale ?? market.locales[0] ?? 'en';
}
