/**
 * The BigCommerce webhooks the sync room relies on (DESIGN §9), per configured store, for admins:
 *   npm run webhooks -- list [--store eu]       every hook this API account has, ours marked
 *   npm run webhooks -- register [--store eu]   what the server does at start and every 15 minutes (PUBLIC_URL)
 *   npm run webhooks -- remove [--store eu]     ours at PUBLIC_URL, before moving it or retiring an installation
 * Uses the same configuration as the server (env, CONFIG_FILE); the secret header is never printed.
 */
import { parseArgs } from 'node:util';
import { createBigCommerceClient, type BigCommerceClient } from '../bigcommerce/index.js';
import { loadConfig, type AppConfig, type StoreConfig } from '../config.js';
import { createLogger } from '../http/logger.js';
import { createHookRegistrar, HOOK_SCOPES, hookDestination } from '../sync/index.js';
import { runCliIfMain } from './run-cli.js';

const USAGE = 'Usage: npm run webhooks -- list|register|remove [--store <store key>]';
const COMMANDS = ['list', 'register', 'remove'] as const;
type Command = (typeof COMMANDS)[number];

export interface WebhooksCommandOptions {
  /** Client tuning (tests shorten timeouts). */
  bigcommerce?: { timeoutMs?: number };
}

function pickStores(config: AppConfig, storeKey: string | undefined): StoreConfig[] {
  if (storeKey === undefined) return Object.values(config.stores);
  const store = Object.hasOwn(config.stores, storeKey) ? config.stores[storeKey] : undefined;
  if (!store) {
    throw new Error(
      `Unknown store "${storeKey}". Configured stores: ${Object.keys(config.stores).join(', ')}`,
    );
  }
  return [store];
}

function requirePublicUrl(config: AppConfig, command: Command): string {
  if (config.publicUrl === null) {
    throw new Error(
      `PUBLIC_URL is not set: ${command} needs the BFF's public base URL (hooks are delivered below it).`,
    );
  }
  return config.publicUrl;
}

/** Runs one command; returns the lines to print. Throws Error with a message for the person at the terminal. */
export async function runWebhooksCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  options: WebhooksCommandOptions = {},
): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { store: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const given = positionals[0];
  if (values.help || given === undefined) throw new Error(USAGE);
  const command = COMMANDS.find((known) => known === given);
  if (command === undefined) throw new Error(`Unknown command "${given}".\n${USAGE}`);
  const config = loadConfig(env);
  if (config.sandbox) {
    throw new Error(
      'No BigCommerce store is configured (sandbox mode): the sandbox registers its own hooks when the server starts.',
    );
  }
  const stores = pickStores(config, values.store);
  const logger = createLogger({ level: 'silent' });
  const clients = new Map<string, BigCommerceClient>();
  const clientFor = (storeKey: string): BigCommerceClient => {
    let client = clients.get(storeKey);
    if (!client) {
      const store = config.stores[storeKey]!;
      client = createBigCommerceClient({
        ...options.bigcommerce,
        storeKey,
        storeHash: store.hash,
        accessToken: store.accessToken,
        apiUrl: store.apiUrl,
        logger,
      });
      clients.set(storeKey, client);
    }
    return client;
  };
  const registrar = createHookRegistrar({ clientFor, now: Date.now, logger });
  const lines: string[] = [];
  try {
    for (const store of stores) {
      if (command === 'list') {
        const mine = config.publicUrl === null ? null : hookDestination(config.publicUrl, store.key);
        const hooks = await registrar.list(store.key);
        lines.push(`${store.key} (${store.hash}): ${hooks.length} hook(s)`);
        for (const hook of hooks) {
          const ours = hook.destination === mine ? '  ours' : '';
          lines.push(
            `  #${hook.id}  ${hook.isActive ? 'active  ' : 'INACTIVE'}  ${hook.scope}  → ${hook.destination}${ours}`,
          );
        }
        continue;
      }
      const destination = hookDestination(requirePublicUrl(config, command), store.key);
      if (command === 'remove') {
        const removed = await registrar.remove({ storeKey: store.key, destination });
        lines.push(`${store.key}: removed ${removed} hook(s) at ${destination}`);
        continue;
      }
      if (!store.sync.enabled) {
        lines.push(`${store.key}: sync is off for this store; no hooks registered.`);
        continue;
      }
      if (store.webhookSecret === null) {
        throw new Error(
          `Store "${store.key}" has no webhook secret (BIGCOMMERCE_WEBHOOK_SECRET or webhookSecretEnv).`,
        );
      }
      const check = await registrar.reconcile({
        storeKey: store.key,
        destination,
        secret: store.webhookSecret,
      });
      if (check.error !== null)
        throw new Error(`${store.key}: the hooks could not be registered: ${check.error}`);
      lines.push(
        `${store.key}: ${check.active} of ${HOOK_SCOPES.length} hooks active at ${destination} (${check.repaired} created or repaired)`,
      );
    }
  } finally {
    for (const client of clients.values()) client.close();
  }
  return lines;
}

await runCliIfMain(import.meta.url, runWebhooksCommand);
