/**
 * Prints a signed widget URL for a ticket, so an admin can test the embed set-up without novomind:
 *   npm run sign-url -- --ticket T-1001 --agent alice --email a@b.c [--customer 12] [--market de]
 *     [--locale de-DE] [--channel 1] [--scope "orders:read notes:write links:write"]
 *     [--order 521] [--ticket-created-at 2026-12-03T08:00:00Z] [--base http://127.0.0.1:8080] [--ttl 600]
 * Uses EMBED_SECRET / EMBED_AUDIENCE and, with CONFIG_FILE, the market's own secret: exactly the key the BFF expects.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildWidgetUrl, signEmbedTokenFor } from '../auth/sign-embed-token.js';
import { EMBED_MAX_LIFETIME_SEC, loadConfig } from '../config.js';
import { runCliIfMain } from './run-cli.js';

const USAGE = `Usage: npm run sign-url -- --ticket <id> --agent <username> [--email <email>] [--customer <externalId>]
       [--market <id>] [--locale <bcp47>] [--channel <BigCommerce channel id>] [--scope "orders:read notes:write links:write"]
       [--order <the ticket's order number>] [--ticket-created-at <ISO 8601, e.g. 2026-12-03T08:00:00Z>]
       [--base http://127.0.0.1:8080] [--ttl <seconds, max ${EMBED_MAX_LIFETIME_SEC}>]`;

export const DEFAULT_SCOPE = 'orders:read notes:write links:write';

/** Builds the URL from argv and env; throws Error with a message for the person at the terminal. */
export async function signUrlFromArgs(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ticket: { type: 'string' },
      agent: { type: 'string' },
      email: { type: 'string' },
      customer: { type: 'string' },
      market: { type: 'string' },
      locale: { type: 'string' },
      channel: { type: 'string' },
      scope: { type: 'string' },
      order: { type: 'string' },
      'ticket-created-at': { type: 'string' },
      base: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new Error(USAGE);
  if (!values.ticket || !values.agent) throw new Error(`--ticket and --agent are required.\n${USAGE}`);

  const config = loadConfig(env);
  if (config.embed.ephemeral) {
    throw new Error(
      'EMBED_SECRET is not set. The server then picks a random secret per start, so no URL signed here would work: ' +
        'set the same EMBED_SECRET (32+ characters) for the server and this command.',
    );
  }
  if (values.market !== undefined && !config.sandbox && !Object.hasOwn(config.markets, values.market)) {
    throw new Error(
      `Unknown market "${values.market}". Configured markets: ${Object.keys(config.markets).join(', ')}`,
    );
  }
  if (values.channel !== undefined && !/^[1-9][0-9]{0,9}$/.test(values.channel)) {
    throw new Error('--channel must be a BigCommerce channel id (a positive whole number).');
  }
  if (
    values.order !== undefined &&
    !(/^[1-9][0-9]{0,9}$/.test(values.order) && Number(values.order) <= 2_147_483_647)
  ) {
    throw new Error('--order must be a BigCommerce order number (a positive whole number).');
  }
  const ticketCreatedAt = values['ticket-created-at'];
  // The same rule as the BFF's (ISO 8601 with a zone): a local time would be read in the wrong zone.
  if (ticketCreatedAt !== undefined && !z.iso.datetime({ offset: true }).safeParse(ticketCreatedAt).success) {
    throw new Error('--ticket-created-at must be an ISO 8601 time with a zone, e.g. 2026-12-03T08:00:00Z.');
  }
  const ttlSec = values.ttl === undefined ? 600 : Number(values.ttl);
  if (!Number.isInteger(ttlSec) || ttlSec <= 0 || ttlSec > EMBED_MAX_LIFETIME_SEC) {
    throw new Error(`--ttl must be a whole number of seconds between 1 and ${EMBED_MAX_LIFETIME_SEC}.`);
  }
  const base =
    values.base ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;

  const token = await signEmbedTokenFor(
    config,
    {
      agent: values.agent,
      ticket: values.ticket,
      email: values.email,
      customer: values.customer,
      market: values.market,
      locale: values.locale,
      channel: values.channel === undefined ? undefined : Number(values.channel),
      scope: values.scope ?? DEFAULT_SCOPE,
      order: values.order === undefined ? undefined : Number(values.order),
      ticketCreatedAt,
    },
    { ttlSec },
  );
  return buildWidgetUrl(base, token);
}

await runCliIfMain(import.meta.url, signUrlFromArgs);
