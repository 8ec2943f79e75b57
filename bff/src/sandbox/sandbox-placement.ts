/**
 * Sandbox mode's stores and markets: what the sandbox serves, placed into the product's config. Here, beside
 * startSandbox, because only the sandbox knows its stores; config.ts knows only that sandbox mode is on.
 */
import { randomBytes } from 'node:crypto';
import { SCOPES } from '../../../shared/common.js';
import { trimTrailingSlash, type AppConfig, type MarketConfig, type StoreConfig } from '../config.js';

/** A started sandbox store, as the placement needs it. */
export interface SandboxStoreInfo {
  hash: string;
  token: string;
  label: string;
}

const SANDBOX_STORE_KEYS = ['eu', 'us'] as const;

/**
 * What sandbox agents with `orders:write` may do (DESIGN §11): cancel an order that is awaiting fulfillment or
 * shipment, as peers allow before anything has left the warehouse. Closed tickets are noted on their orders.
 */
const SANDBOX_STATUS_CHANGES = [{ from: [11, 9], to: 5 }];
const SANDBOX_WRITE_BACK: MarketConfig['writeBack'] = { ticketEvents: ['ticket.closed'] };

/**
 * Sandbox mode: store keys `eu`/`us` (in the sandbox's store order) and two markets that exercise
 * locale routing: `de` (German-speaking shoppers on the EU store) and `us` (English on the US store).
 */
export function withSandboxStores(
  config: AppConfig,
  apiUrl: string,
  sandboxStores: readonly SandboxStoreInfo[],
): AppConfig {
  const stores: Record<string, StoreConfig> = {};
  sandboxStores.slice(0, SANDBOX_STORE_KEYS.length).forEach((store, index) => {
    const key = SANDBOX_STORE_KEYS[index] ?? `s${index}`;
    stores[key] = {
      key,
      hash: store.hash,
      accessToken: store.token,
      apiUrl: trimTrailingSlash(apiUrl),
      label: store.label,
      sync: config.sandboxSync,
      // The sandbox delivers its webhooks to this process (PUBLIC_URL defaults to the listening URL); a secret
      // per start keeps the receiving end honest even on loopback.
      webhookSecret: randomBytes(24).toString('base64url'),
    };
  });
  const market = (id: string, store: string, label: string, locales: string[]): MarketConfig => ({
    id,
    store,
    label,
    locales,
    channels: null,
    permissions: [...SCOPES],
    frameOrigins: [],
    embedSecret: null,
    template: null,
    statusChanges: SANDBOX_STATUS_CHANGES.map((change) => ({ ...change, from: [...change.from] })),
    writeBack: { ticketEvents: [...SANDBOX_WRITE_BACK.ticketEvents] },
    // The demo shows the queue novomind would route the market's tickets to (DESIGN §10); no push in sandbox mode.
    novomind: { queue: `bigcommerce-${id}`, push: null },
  });
  const markets: Record<string, MarketConfig> = {};
  if (stores.eu) markets.de = market('de', 'eu', 'Deutschland (Sandbox)', ['de', 'de-DE', 'de-AT', 'de-CH']);
  if (stores.us) markets.us = market('us', 'us', 'United States (Sandbox)', ['en-US', 'en']);
  return { ...config, stores, markets, defaultMarket: Object.keys(markets)[0] ?? '' };
}
