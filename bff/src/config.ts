/**
 * The one place that reads the environment and the stores/markets file (DESIGN §3, §8).
 * Everything is validated at start; a bad value stops the start with a message that names where it came
 * from and the JSON path of the field, so an admin can fix it without reading code.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SCOPES, type Scope } from '../../shared/common.js';
import { ORDER_STATUS_ID_MAX, type StatusTransition } from '../../shared/status.js';
import { FieldTemplate } from '../../shared/template.js';

export const DEFAULT_API_URL = 'https://api.bigcommerce.com';
export const DEFAULT_EMBED_AUDIENCE = 'order-context';
/** DESIGN §4: an embed token lives at most 15 minutes. */
export const EMBED_MAX_LIFETIME_SEC = 900;
export const EMBED_SECRET_MIN_LENGTH = 32;
export const WEBHOOK_SECRET_MIN_LENGTH = 24;
/** Requests a widget session may make to /api/v1 per minute; an agent clicking fast stays far below it. */
export const DEFAULT_SESSION_RATE_LIMIT_PER_MINUTE = 120;
/** DESIGN §10: the novomind server-to-server tokens. */
export const S2S_AUDIENCE = 'order-context-s2s';
export const S2S_MAX_LIFETIME_SEC = 300;
/** DESIGN §10: the push's default rate when a market names none. */
export const DEFAULT_PUSH_REQUESTS_PER_MINUTE = 60;
/** Standard Webhooks secrets are random: a short one is a mistake (whsec_ + base64 of 24+ bytes, or raw text). */
export const PUSH_SECRET_MIN_LENGTH = 24;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface StoreSyncConfig {
  /** False: no index for this store, views stay live (SYNC=off, or `sync.enabled: false`). */
  enabled: boolean;
  /** How far back the index holds order headers. */
  windowDays: number;
  /** Delta runs this often while webhooks are healthy (60 s while they are not). */
  intervalMs: number;
}

export interface StoreConfig {
  key: string;
  hash: string;
  accessToken: string;
  apiUrl: string;
  label: string;
  sync: StoreSyncConfig;
  /** Sent by BigCommerce as X-Webhook-Secret on every delivery (registered with the hooks); null: no webhooks. */
  webhookSecret: string | null;
}

export interface MarketConfig {
  id: string;
  store: string;
  label: string;
  locales: string[];
  /** BigCommerce channel ids this market covers; null = all channels. */
  channels: number[] | null;
  /** The most a token of this market can get. */
  permissions: Scope[];
  /** novomind origins allowed to frame the widget and load it cross-origin for this market. */
  frameOrigins: string[];
  /** Overrides the global embed secret for tokens of this market. */
  embedSecret: string | null;
  template: FieldTemplate | null;
  /** The status changes agents with `orders:write` may make (DESIGN §11); empty: none. */
  statusChanges: StatusTransition[];
  /** What is written back to BigCommerce besides notes and status changes. */
  writeBack: {
    /** novomind ticket event types appended as staff-notes entries to the ticket's orders (DESIGN §11). */
    ticketEvents: WriteBackEventType[];
  };
  /** novomind's side of the market (DESIGN §10); absent when the file says nothing about it. */
  novomind?: NovomindMarketConfig;
}

export interface NovomindMarketConfig {
  /** The novomind queue this market's tickets belong to (answered with every ticket context); null = none. */
  queue: string | null;
  /** Pushing changes to novomind (DESIGN §10 Push); null = novomind polls the feed. */
  push: {
    url: string;
    /** The Standard Webhooks secret (`whsec_…` or raw text), from the variable `pushSecretEnv` names. */
    secret: string;
    maxRequestsPerMinute: number;
  } | null;
}

/** The novomind ticket events that can be written back as staff-notes entries (`writeBack.ticketEvents`). */
export const WRITE_BACK_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.closed',
  'ticket.reopened',
] as const;
export type WriteBackEventType = (typeof WRITE_BACK_EVENT_TYPES)[number];

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  /** True when no store was configured: server.ts starts the built-in sandbox and fills stores/markets. */
  sandbox: boolean;
  embed: {
    secret: string;
    audience: string;
    maxLifetimeSec: number;
    /** True when the secret was generated for this start (sandbox without EMBED_SECRET): tokens die with the process. */
    ephemeral: boolean;
  };
  sessionTtlMs: number;
  /** Requests per minute and session on /api/v1 (SESSION_RATE_LIMIT_PER_MINUTE); 0 = no limit. */
  sessionRateLimitPerMinute: number;
  /** FRAME_ANCESTORS: CSP sources (`'self'`, `'none'` or origins). Markets' frameOrigins are added by the security middleware. */
  frameAncestors: string[];
  stores: Record<string, StoreConfig>;
  markets: Record<string, MarketConfig>;
  defaultMarket: string;
  metricsToken: string | null;
  adminToken: string | null;
  /**
   * The BFF's public base URL (PUBLIC_URL): webhook destinations are registered below it. Null: no webhooks are
   * registered (the index is kept current by delta runs alone). Sandbox mode uses the listening URL.
   */
  publicUrl: string | null;
  /**
   * REDIS_URL: several instances share the cache's second tier, each store's quota, the per-order lock, the sync's
   * leader lease and the session rate limit through this Redis (DESIGN §13). Null: all of it stays in-process.
   */
  redis: { url: string; keyPrefix: string } | null;
  /** The share of a store's API quota the first back-fill may use (it also yields to agents' requests). */
  syncBackfillShare: number;
  /** The sync settings sandbox stores get (the environment's defaults). */
  sandboxSync: StoreSyncConfig;
  /** The novomind server-to-server API (DESIGN §10); `secret` null = S2S_SECRET not set, /s2s/ answers 404. */
  s2s: { secret: string | null; audience: string; maxLifetimeSec: number };
  /** True when the sandbox generated ADMIN_TOKEN for this run (never outside sandbox mode). */
  adminTokenGenerated: boolean;
  logLevel: LogLevel;
  /**
   * How long one agent request (context, order detail, search, notes) may wait for BigCommerce in all; at the
   * deadline it answers with a stale copy, or 504 upstream_timeout. The widget waits 20 s, so at most 15.
   */
  requestBudgetMs: number;
  notes: {
    /** The longest one write attempt may take; a claimed note's lease is twice this. */
    attemptTimeoutMs: number;
  };
  /** How much history the error log and the ticket events keep (whichever bound bites first). */
  retention: {
    errorLog: { maxAgeMs: number; maxRows: number };
    ticketEvents: { maxAgeMs: number; maxRows: number };
  };
  /** The CONFIG_FILE path, when one was read (for logs). */
  configFile: string | null;
}

export interface ConfigIssue {
  /** JSON path of the field (`markets.de.store`) or the environment variable name. */
  path: string;
  message: string;
}

/** A bad environment or config file. The message is what an admin reads: source, field path, what is wrong. */
export class ConfigError extends Error {
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    super(
      issues.map((issue) => `${source}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
  }
}

type ReadFile = (file: string, encoding: 'utf8') => string;

// ---------------------------------------------------------------------------------------------------------
// Shared field schemas

/** Store keys and market ids; also checked where an operator names one (admin API, `npm run errors`). */
export const CONFIG_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const KEY_RULE = 'must be 1-32 characters of a-z, 0-9, "_" or "-"';
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
// BCP 47 as novomind sends it ("de", "de-DE", "zh-Hant-TW"); we only need it well-formed, not registered.
export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an http(s) URL' });
const redisUrl = z.string().refine(isRedisUrl, {
  message: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0',
});
const storeHash = z
  .string()
  .regex(/^[A-Za-z0-9]{1,64}$/, { message: 'must be the store hash (letters and digits)' });
const origin = z.string().refine(isOrigin, {
  message: 'must be an origin like https://desk.example.com (scheme, host and optional port; no path)',
});
const locale = z.string().regex(LOCALE_PATTERN, { message: 'must be a BCP 47 locale like "de" or "de-DE"' });
const secret = z
  .string()
  .min(EMBED_SECRET_MIN_LENGTH, { message: `must be at least ${EMBED_SECRET_MIN_LENGTH} characters` });
const bearerToken = z.string().min(16, { message: 'must be at least 16 characters' });
const envName = z.string().regex(ENV_NAME_PATTERN, { message: 'must be an environment variable name' });
// BigCommerce's status ids are fixed (orders.v2 /order_statuses): a merchant renames them, never adds one. 0 is
// an abandoned checkout, never shown and never a status an agent can move an order from or to.
const statusId = z
  .number({ message: `must be a BigCommerce status id (1-${ORDER_STATUS_ID_MAX})` })
  .int({ message: `must be a BigCommerce status id (1-${ORDER_STATUS_ID_MAX})` })
  .min(1, { message: '0 (Incomplete) is an abandoned checkout; no change from or to it is possible' })
  .max(ORDER_STATUS_ID_MAX, {
    message: `unknown status id: BigCommerce's statuses are 0-${ORDER_STATUS_ID_MAX}`,
  });
const StatusChangesSchema = z.array(
  z
    .strictObject({
      from: z.array(statusId).min(1, { message: 'must list at least one status to change from' }),
      to: statusId,
    })
    .refine((change) => !change.from.includes(change.to), {
      message: '"to" must not be one of "from" (a change to the same status changes nothing)',
      path: ['to'],
    }),
);
const WriteBackSchema = z.strictObject({
  ticketEvents: z.array(
    z.enum(WRITE_BACK_EVENT_TYPES, { message: `must be one of ${WRITE_BACK_EVENT_TYPES.join(', ')}` }),
  ),
});

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
    );
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Environment

// An empty variable (`FOO=` in a compose file) means "not set", not "set to nothing".
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
const optionalEnv = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, z.optional(schema));

function positiveNumber(what: string, min: number, max: number) {
  return z.coerce
    .number({ message: `must be ${what}` })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });
}

function positiveInteger(what: string, min: number, max: number) {
  return positiveNumber(what, min, max).int({ message: `must be ${what} (a whole number)` });
}

const DAY_MS = 24 * 3_600_000;

const EnvSchema = z.object({
  PORT: optionalEnv(
    z.coerce
      .number({ message: 'must be a port number' })
      .int({ message: 'must be a port number' })
      .min(0, { message: 'must be between 0 and 65535' })
      .max(65535, { message: 'must be between 0 and 65535' }),
  ),
  HOST: optionalEnv(z.string()),
  BIGCOMMERCE_STORE_HASH: optionalEnv(storeHash),
  BIGCOMMERCE_ACCESS_TOKEN: optionalEnv(z.string()),
  BIGCOMMERCE_API_URL: optionalEnv(httpUrl),
  EMBED_SECRET: optionalEnv(secret),
  EMBED_AUDIENCE: optionalEnv(z.string()),
  FRAME_ANCESTORS: optionalEnv(z.string()),
  DATA_DIR: optionalEnv(z.string()),
  CONFIG_FILE: optionalEnv(z.string()),
  SESSION_TTL_HOURS: optionalEnv(
    z.coerce
      .number({ message: 'must be a number of hours' })
      .positive({ message: 'must be more than 0' })
      .max(168, { message: 'must be at most 168 (a week)' }),
  ),
  SESSION_RATE_LIMIT_PER_MINUTE: optionalEnv(
    z.coerce
      .number({ message: 'must be a whole number of requests (0 turns the limit off)' })
      .int({ message: 'must be a whole number of requests (0 turns the limit off)' })
      .min(0, { message: 'must be 0 (no limit) or more' })
      .max(1_000_000, { message: 'must be at most 1000000' }),
  ),
  METRICS_TOKEN: optionalEnv(bearerToken),
  S2S_SECRET: optionalEnv(secret),
  ADMIN_TOKEN: optionalEnv(bearerToken),
  LOG_LEVEL: optionalEnv(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
  REQUEST_BUDGET_SECONDS: optionalEnv(positiveNumber('a number of seconds', 1, 15)),
  PUBLIC_URL: optionalEnv(httpUrl),
  REDIS_URL: optionalEnv(redisUrl),
  REDIS_KEY_PREFIX: optionalEnv(
    z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
      message: 'must be 1 to 64 letters, digits or _ . : - (e.g. "oc:")',
    }),
  ),
  SYNC: optionalEnv(z.enum(['on', 'off'], { message: 'must be "on" or "off"' })),
  SYNC_WINDOW_DAYS: optionalEnv(positiveInteger('a number of days', 1, 730)),
  SYNC_INTERVAL_SECONDS: optionalEnv(positiveInteger('a number of seconds', 60, 86_400)),
  SYNC_BACKFILL_SHARE: optionalEnv(positiveNumber('a share of the quota between 0.05 and 1', 0.05, 1)),
  BIGCOMMERCE_WEBHOOK_SECRET: optionalEnv(
    z.string().min(24, { message: 'must be at least 24 characters (a random secret)' }),
  ),
  NOTE_ATTEMPT_TIMEOUT_SECONDS: optionalEnv(positiveNumber('a number of seconds', 1, 600)),
  ERROR_LOG_RETENTION_DAYS: optionalEnv(positiveNumber('a number of days', 1, 3650)),
  ERROR_LOG_MAX_ROWS: optionalEnv(positiveInteger('a number of rows', 100, 100_000_000)),
  TICKET_EVENTS_RETENTION_DAYS: optionalEnv(positiveNumber('a number of days', 1, 3650)),
  TICKET_EVENTS_MAX_ROWS: optionalEnv(positiveInteger('a number of rows', 100, 1_000_000_000)),
  STATUS_CHANGES: optionalEnv(z.string()),
  WRITE_BACK_TICKET_EVENTS: optionalEnv(z.string()),
});
type Env = z.infer<typeof EnvSchema>;

function parseFrameAncestors(raw: string | undefined): { value: string[]; issue?: string } {
  const sources = (raw ?? "'self'").split(/\s+/).filter(Boolean);
  for (const source of sources) {
    if (source !== "'self'" && source !== "'none'" && !isOrigin(source)) {
      return {
        value: [],
        issue: `"${source}" is not 'self', 'none' or an origin like https://desk.example.com`,
      };
    }
  }
  if (sources.includes("'none'") && sources.length > 1) {
    return { value: [], issue: "'none' cannot be combined with other sources" };
  }
  return { value: sources.length > 0 ? sources : ["'self'"] };
}

// ---------------------------------------------------------------------------------------------------------
// Config file (DESIGN §8)

const SyncFileSchema = z.strictObject({
  enabled: z.optional(z.boolean()),
  windowDays: z.optional(z.number().int().min(1).max(730)),
  intervalSeconds: z.optional(z.number().int().min(60).max(86_400)),
});

const StoreFileSchema = z.strictObject({
  hash: storeHash,
  tokenEnv: envName,
  apiUrl: z.optional(httpUrl),
  label: z.optional(z.string().min(1)),
  sync: z.optional(SyncFileSchema),
  webhookSecretEnv: z.optional(envName),
});

const MarketFileSchema = z.strictObject({
  store: z.string(),
  label: z.optional(z.string().min(1)),
  locales: z.optional(z.array(locale)),
  channels: z.optional(
    z.array(z.number().int().positive({ message: 'must be a BigCommerce channel id' })).min(1, {
      message: 'must list at least one channel; omit it to cover all channels',
    }),
  ),
  permissions: z.optional(
    z
      .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }))
      .refine((scopes) => scopes.includes('orders:read'), {
        message: 'must include "orders:read" (nothing works without it)',
      }),
  ),
  frameOrigins: z.optional(z.array(origin)),
  embedSecret: z.optional(secret),
  embedSecretEnv: z.optional(envName),
  template: z.optional(FieldTemplate),
  statusChanges: z.optional(StatusChangesSchema),
  writeBack: z.optional(WriteBackSchema),
  novomind: z.optional(
    z.strictObject({
      queue: z.optional(z.string().trim().min(1).max(200)),
      pushUrl: z.optional(httpUrl),
      pushSecretEnv: z.optional(envName),
      maxRequestsPerMinute: z.optional(
        z
          .number()
          .int({ message: 'must be a whole number' })
          .min(1, { message: 'must be at least 1' })
          .max(6000, {
            message: 'must be at most 6000',
          }),
      ),
    }),
  ),
});

function createFileSchema(env: NodeJS.ProcessEnv) {
  return z
    .strictObject({
      $schema: z.optional(z.string()),
      stores: z.record(z.string().regex(CONFIG_KEY_PATTERN, { message: KEY_RULE }), StoreFileSchema),
      markets: z.record(z.string().regex(CONFIG_KEY_PATTERN, { message: KEY_RULE }), MarketFileSchema),
      defaultMarket: z.optional(z.string()),
    })
    .superRefine((file, ctx) => {
      // Cross-field rules live here so every problem is reported in one run, each with its JSON path.
      const storeKeys = Object.keys(file.stores);
      const marketIds = Object.keys(file.markets);
      if (storeKeys.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['stores'], message: 'at least one store is required' });
      }
      if (marketIds.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['markets'], message: 'at least one market is required' });
      }
      for (const [key, store] of Object.entries(file.stores)) {
        if (store.webhookSecretEnv !== undefined) {
          const value = blankToUndefined(env[store.webhookSecretEnv]);
          if (typeof value !== 'string' || value.length < WEBHOOK_SECRET_MIN_LENGTH) {
            ctx.addIssue({
              code: 'custom',
              path: ['stores', key, 'webhookSecretEnv'],
              message: `environment variable ${store.webhookSecretEnv} must hold a secret of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`,
            });
          }
        } else if (blankToUndefined(env.PUBLIC_URL) !== undefined && store.sync?.enabled !== false) {
          ctx.addIssue({
            code: 'custom',
            path: ['stores', key, 'webhookSecretEnv'],
            message:
              'is required with PUBLIC_URL: the environment variable holding the secret BigCommerce sends with each webhook',
          });
        }
        if (blankToUndefined(env[store.tokenEnv]) === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['stores', key, 'tokenEnv'],
            message: `environment variable ${store.tokenEnv} (the store's access token) is not set`,
          });
        }
      }
      for (const [id, market] of Object.entries(file.markets)) {
        if (!Object.hasOwn(file.stores, market.store)) {
          ctx.addIssue({
            code: 'custom',
            path: ['markets', id, 'store'],
            message: `unknown store "${market.store}"${storeKeys.length ? ` (stores: ${storeKeys.join(', ')})` : ''}`,
          });
        }
        if (market.embedSecret !== undefined && market.embedSecretEnv !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['markets', id, 'embedSecretEnv'],
            message: 'set either embedSecret or embedSecretEnv, not both',
          });
        }
        if (market.statusChanges?.length && !market.permissions?.includes('orders:write')) {
          ctx.addIssue({
            code: 'custom',
            path: ['markets', id, 'statusChanges'],
            message:
              'needs "orders:write" in the market\'s permissions (without it no agent may change a status)',
          });
        }
        checkNovomind(id, market.novomind, env, ctx);
        if (market.embedSecretEnv !== undefined) {
          const value = blankToUndefined(env[market.embedSecretEnv]);
          if (typeof value !== 'string' || value.length < EMBED_SECRET_MIN_LENGTH) {
            ctx.addIssue({
              code: 'custom',
              path: ['markets', id, 'embedSecretEnv'],
              message: `environment variable ${market.embedSecretEnv} must hold a secret of at least ${EMBED_SECRET_MIN_LENGTH} characters`,
            });
          }
        }
      }
      if (file.defaultMarket !== undefined && !Object.hasOwn(file.markets, file.defaultMarket)) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultMarket'],
          message: `unknown market "${file.defaultMarket}"`,
        });
      }
    });
}
type ConfigFile = z.infer<ReturnType<typeof createFileSchema>>;
type NovomindFile = z.infer<typeof MarketFileSchema>['novomind'];

/** A push needs both its URL and its secret, and the secret must be set (DESIGN §10 Push). */
function checkNovomind(
  marketId: string,
  novomind: NovomindFile,
  env: NodeJS.ProcessEnv,
  ctx: z.RefinementCtx,
): void {
  if (novomind === undefined) return;
  const path = (key: string) => ['markets', marketId, 'novomind', key];
  if (novomind.pushUrl !== undefined && novomind.pushSecretEnv === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: path('pushSecretEnv'),
      message: 'is required with pushUrl: the environment variable holding the push signing secret',
    });
  }
  if (novomind.pushSecretEnv !== undefined) {
    if (novomind.pushUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: path('pushUrl'), message: 'is required with pushSecretEnv' });
    }
    const value = blankToUndefined(env[novomind.pushSecretEnv]);
    if (typeof value !== 'string' || value.length < PUSH_SECRET_MIN_LENGTH) {
      ctx.addIssue({
        code: 'custom',
        path: path('pushSecretEnv'),
        message: `environment variable ${novomind.pushSecretEnv} must hold a secret of at least ${PUSH_SECRET_MIN_LENGTH} characters`,
      });
    }
  }
  if (novomind.maxRequestsPerMinute !== undefined && novomind.pushUrl === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: path('maxRequestsPerMinute'),
      message: 'only applies with pushUrl',
    });
  }
}

function buildNovomind(novomind: NonNullable<NovomindFile>, env: NodeJS.ProcessEnv): NovomindMarketConfig {
  const secret = novomind.pushSecretEnv === undefined ? undefined : env[novomind.pushSecretEnv];
  return {
    queue: novomind.queue ?? null,
    push:
      novomind.pushUrl === undefined || typeof secret !== 'string'
        ? null
        : {
            url: novomind.pushUrl,
            secret,
            maxRequestsPerMinute: novomind.maxRequestsPerMinute ?? DEFAULT_PUSH_REQUESTS_PER_MINUTE,
          },
  };
}

/** `['markets', 'de', 'locales', 0]` -> `markets.de.locales[0]`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function toConfigIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return { path: formatJsonPath(issue.path), message: `unknown key ${keys}` };
    }
    if (issue.code === 'invalid_key') {
      return { path: formatJsonPath(issue.path), message: `bad key: ${KEY_RULE}` };
    }
    return { path: formatJsonPath(issue.path), message: issue.message };
  });
}

function readConfigFile(file: string, env: NodeJS.ProcessEnv, readFile: ReadFile): ConfigFile {
  const source = `CONFIG_FILE ${file}`;
  let text: string;
  try {
    text = readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(source, [{ path: '', message: `cannot read the file (${code})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = createFileSchema(env).safeParse(json);
  if (!parsed.success) throw new ConfigError(source, toConfigIssues(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------------
// Assembly

function buildFromFile(
  file: ConfigFile,
  env: NodeJS.ProcessEnv,
  defaultApiUrl: string,
  syncDefaults: StoreSyncConfig,
): Pick<AppConfig, 'stores' | 'markets' | 'defaultMarket'> {
  const stores: Record<string, StoreConfig> = {};
  for (const [key, store] of Object.entries(file.stores)) {
    const secret =
      store.webhookSecretEnv === undefined ? undefined : blankToUndefined(env[store.webhookSecretEnv]);
    stores[key] = {
      key,
      hash: store.hash,
      accessToken: String(env[store.tokenEnv]),
      apiUrl: trimTrailingSlash(store.apiUrl ?? defaultApiUrl),
      label: store.label ?? key,
      sync: {
        enabled: syncDefaults.enabled && (store.sync?.enabled ?? true),
        windowDays: store.sync?.windowDays ?? syncDefaults.windowDays,
        intervalMs:
          store.sync?.intervalSeconds === undefined
            ? syncDefaults.intervalMs
            : store.sync.intervalSeconds * 1000,
      },
      webhookSecret: typeof secret === 'string' ? secret : null,
    };
  }
  const markets: Record<string, MarketConfig> = {};
  for (const [id, market] of Object.entries(file.markets)) {
    const envSecret = market.embedSecretEnv === undefined ? undefined : env[market.embedSecretEnv];
    markets[id] = {
      id,
      store: market.store,
      label: market.label ?? id,
      locales: market.locales ?? [],
      channels: market.channels ?? null,
      // Least privilege when an admin forgets the list: read-only.
      permissions: market.permissions ? orderScopes(market.permissions) : ['orders:read'],
      frameOrigins: market.frameOrigins ?? [],
      embedSecret: market.embedSecret ?? envSecret ?? null,
      template: market.template ?? null,
      statusChanges: market.statusChanges ?? [],
      writeBack: { ticketEvents: market.writeBack?.ticketEvents ?? [] },
      ...(market.novomind === undefined ? {} : { novomind: buildNovomind(market.novomind, env) }),
    };
  }
  const firstMarket = Object.keys(markets)[0] ?? '';
  return { stores, markets, defaultMarket: file.defaultMarket ?? firstMarket };
}

/**
 * The single store's status changes and write-back from STATUS_CHANGES (the config file's JSON list) and
 * WRITE_BACK_TICKET_EVENTS (comma- or space-separated types). Neither set: no status change, no write-back.
 */
function parseSingleStoreWriteBack(
  vars: Pick<Env, 'STATUS_CHANGES' | 'WRITE_BACK_TICKET_EVENTS'>,
): Pick<MarketConfig, 'statusChanges' | 'writeBack'> {
  const issues: ConfigIssue[] = [];
  let statusChanges: StatusTransition[] = [];
  if (vars.STATUS_CHANGES !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(vars.STATUS_CHANGES);
    } catch {
      json = undefined;
      issues.push({ path: 'STATUS_CHANGES', message: 'must be JSON like [{"from": [11, 9], "to": 5}]' });
    }
    if (json !== undefined) {
      const parsed = StatusChangesSchema.safeParse(json);
      if (parsed.success) statusChanges = parsed.data;
      else
        issues.push(
          ...toConfigIssues(parsed.error).map((issue) => ({
            path: `STATUS_CHANGES${issue.path ? (issue.path.startsWith('[') ? '' : '.') + issue.path : ''}`,
            message: issue.message,
          })),
        );
    }
  }
  const types = (vars.WRITE_BACK_TICKET_EVENTS ?? '').split(/[\s,]+/).filter(Boolean);
  const writeBack = WriteBackSchema.safeParse({ ticketEvents: types });
  if (!writeBack.success) {
    issues.push({
      path: 'WRITE_BACK_TICKET_EVENTS',
      message: `must list event types of ${WRITE_BACK_EVENT_TYPES.join(', ')}`,
    });
  }
  if (issues.length > 0) throw new ConfigError('environment', issues);
  return { statusChanges, writeBack: { ticketEvents: writeBack.data?.ticketEvents ?? [] } };
}

function buildSingleStore(
  hash: string,
  accessToken: string,
  apiUrl: string,
  sync: StoreSyncConfig,
  webhookSecret: string | null,
  writeBack: Pick<MarketConfig, 'statusChanges' | 'writeBack'>,
) {
  const store: StoreConfig = {
    key: 'default',
    hash,
    accessToken,
    apiUrl,
    label: `Store ${hash}`,
    sync,
    webhookSecret,
  };
  const market: MarketConfig = {
    id: 'default',
    store: 'default',
    label: 'Default',
    locales: [],
    channels: null,
    permissions: [...SCOPES],
    frameOrigins: [],
    embedSecret: null,
    template: null,
    ...writeBack,
  };
  return { stores: { default: store }, markets: { default: market }, defaultMarket: 'default' };
}

/** Scopes in catalog order without duplicates, so sessions and responses list them the same way every time. */
export function orderScopes(scopes: Iterable<string>): Scope[] {
  const wanted = new Set(scopes);
  return SCOPES.filter((scope) => wanted.has(scope));
}

/** DATA_DIR alone, for tools (the errors CLI) that must work even when the rest of the config is incomplete. */
export function resolveDataDir(env: NodeJS.ProcessEnv): string {
  const raw = blankToUndefined(env.DATA_DIR);
  return path.resolve(typeof raw === 'string' ? raw : './data');
}

/**
 * Reads and validates the whole configuration. Throws ConfigError; never logs (there is no logger yet).
 * In sandbox mode `stores`/`markets` are empty: server.ts fills them from the sandbox (see withSandboxStores).
 */
export function loadConfig(env: NodeJS.ProcessEnv, readFile: ReadFile = fs.readFileSync): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError('environment', toConfigIssues(parsed.error));
  const vars: Env = parsed.data;

  const issues: ConfigIssue[] = [];
  const frameAncestors = parseFrameAncestors(vars.FRAME_ANCESTORS);
  if (frameAncestors.issue) issues.push({ path: 'FRAME_ANCESTORS', message: frameAncestors.issue });

  const hasHash = vars.BIGCOMMERCE_STORE_HASH !== undefined;
  const hasToken = vars.BIGCOMMERCE_ACCESS_TOKEN !== undefined;
  if (vars.CONFIG_FILE === undefined && hasHash !== hasToken) {
    // DESIGN §3: half a store is a mistake to report, not a reason to fall back to the sandbox.
    issues.push(
      hasHash
        ? { path: 'BIGCOMMERCE_ACCESS_TOKEN', message: 'is not set, but BIGCOMMERCE_STORE_HASH is' }
        : { path: 'BIGCOMMERCE_STORE_HASH', message: 'is not set, but BIGCOMMERCE_ACCESS_TOKEN is' },
    );
  }
  const sandbox = vars.CONFIG_FILE === undefined && !hasHash && !hasToken;
  if (!sandbox && vars.EMBED_SECRET === undefined) {
    issues.push({
      path: 'EMBED_SECRET',
      message: `is required when a store is configured (at least ${EMBED_SECRET_MIN_LENGTH} characters)`,
    });
  }
  const syncOn = vars.SYNC !== 'off';
  if (
    vars.CONFIG_FILE === undefined &&
    !sandbox &&
    syncOn &&
    vars.PUBLIC_URL !== undefined &&
    vars.BIGCOMMERCE_WEBHOOK_SECRET === undefined
  ) {
    issues.push({
      path: 'BIGCOMMERCE_WEBHOOK_SECRET',
      message: 'is required with PUBLIC_URL: the secret BigCommerce sends with each webhook (24+ characters)',
    });
  }
  if (vars.S2S_SECRET !== undefined && vars.S2S_SECRET === vars.EMBED_SECRET) {
    // One key for both would let an s2s token pass as an embed token's signature and the reverse (DESIGN §10).
    issues.push({ path: 'S2S_SECRET', message: 'must differ from EMBED_SECRET' });
  }
  if (vars.EMBED_AUDIENCE === S2S_AUDIENCE) {
    issues.push({
      path: 'EMBED_AUDIENCE',
      message: `must not be "${S2S_AUDIENCE}" (the s2s tokens' audience)`,
    });
  }
  if (issues.length > 0) throw new ConfigError('environment', issues);
  const syncDefaults: StoreSyncConfig = {
    enabled: syncOn,
    windowDays: vars.SYNC_WINDOW_DAYS ?? 90,
    intervalMs: (vars.SYNC_INTERVAL_SECONDS ?? 300) * 1000,
  };

  const defaultApiUrl = trimTrailingSlash(vars.BIGCOMMERCE_API_URL ?? DEFAULT_API_URL);
  let placement: Pick<AppConfig, 'stores' | 'markets' | 'defaultMarket'>;
  if (vars.CONFIG_FILE !== undefined) {
    const file = path.resolve(vars.CONFIG_FILE);
    placement = buildFromFile(readConfigFile(file, env, readFile), env, defaultApiUrl, syncDefaults);
  } else if (hasHash && hasToken) {
    placement = buildSingleStore(
      String(vars.BIGCOMMERCE_STORE_HASH),
      String(vars.BIGCOMMERCE_ACCESS_TOKEN),
      defaultApiUrl,
      syncDefaults,
      vars.BIGCOMMERCE_WEBHOOK_SECRET ?? null,
      parseSingleStoreWriteBack(vars),
    );
  } else {
    placement = { stores: {}, markets: {}, defaultMarket: '' };
  }

  const sharedKey = Object.values(placement.markets).find(
    (market) => vars.S2S_SECRET !== undefined && market.embedSecret === vars.S2S_SECRET,
  );
  if (sharedKey) {
    throw new ConfigError('environment', [
      { path: 'S2S_SECRET', message: `must differ from the embed secret of market "${sharedKey.id}"` },
    ]);
  }

  return {
    host: vars.HOST ?? '127.0.0.1',
    port: vars.PORT ?? 8080,
    dataDir: resolveDataDir(env),
    sandbox,
    embed: {
      // A sandbox without EMBED_SECRET still needs a key; one per start means old demo links stop working, which is fine.
      secret: vars.EMBED_SECRET ?? randomBytes(32).toString('base64url'),
      audience: vars.EMBED_AUDIENCE ?? DEFAULT_EMBED_AUDIENCE,
      maxLifetimeSec: EMBED_MAX_LIFETIME_SEC,
      ephemeral: vars.EMBED_SECRET === undefined,
    },
    sessionTtlMs: Math.round((vars.SESSION_TTL_HOURS ?? 10) * 3_600_000),
    sessionRateLimitPerMinute: vars.SESSION_RATE_LIMIT_PER_MINUTE ?? DEFAULT_SESSION_RATE_LIMIT_PER_MINUTE,
    frameAncestors: frameAncestors.value,
    ...placement,
    metricsToken: vars.METRICS_TOKEN ?? null,
    // The sandbox's console needs a token to be seen at all; /demo links to it with this one. Never with a real store.
    adminToken: vars.ADMIN_TOKEN ?? (sandbox ? randomBytes(24).toString('base64url') : null),
    adminTokenGenerated: sandbox && vars.ADMIN_TOKEN === undefined,
    s2s: { secret: vars.S2S_SECRET ?? null, audience: S2S_AUDIENCE, maxLifetimeSec: S2S_MAX_LIFETIME_SEC },
    logLevel: vars.LOG_LEVEL ?? 'info',
    publicUrl: vars.PUBLIC_URL === undefined ? null : trimTrailingSlash(vars.PUBLIC_URL),
    redis:
      vars.REDIS_URL === undefined
        ? null
        : { url: vars.REDIS_URL, keyPrefix: vars.REDIS_KEY_PREFIX ?? 'oc:' },
    syncBackfillShare: vars.SYNC_BACKFILL_SHARE ?? 0.5,
    sandboxSync: syncDefaults,
    requestBudgetMs: Math.round((vars.REQUEST_BUDGET_SECONDS ?? 8) * 1000),
    notes: { attemptTimeoutMs: Math.round((vars.NOTE_ATTEMPT_TIMEOUT_SECONDS ?? 60) * 1000) },
    retention: {
      errorLog: {
        maxAgeMs: Math.round((vars.ERROR_LOG_RETENTION_DAYS ?? 30) * DAY_MS),
        maxRows: vars.ERROR_LOG_MAX_ROWS ?? 10_000,
      },
      ticketEvents: {
        maxAgeMs: Math.round((vars.TICKET_EVENTS_RETENTION_DAYS ?? 90) * DAY_MS),
        maxRows: vars.TICKET_EVENTS_MAX_ROWS ?? 1_000_000,
      },
    },
    configFile: vars.CONFIG_FILE === undefined ? null : path.resolve(vars.CONFIG_FILE),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Market resolution (DESIGN §8)

function languageOf(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? '';
}

/**
 * A token's market (DESIGN §8, plus the `channel` claim): its `market` claim; else the first market with a
 * locale equal to the token's locale; else the first market sharing its language ("de-CH" finds a market
 * listing "de" or "de-DE"); else the first market whose `channels` include the token's channel; else
 * `defaultMarket`. Exact locale matches win over language matches so "en-GB" can have its own market even when
 * an earlier market lists "en". The channel comes after the locale because novomind always knows the ticket's
 * language, while a channel id is only there when the iAGENT app can tell which storefront a mail came from.
 * Returns null only when the claim names a market that does not exist.
 */
export function resolveMarket(
  config: Pick<AppConfig, 'markets' | 'defaultMarket'>,
  hints: { market?: string | null; locale?: string | null; channel?: number | null },
): MarketConfig | null {
  if (hints.market) {
    return Object.hasOwn(config.markets, hints.market) ? (config.markets[hints.market] ?? null) : null;
  }
  const markets = Object.values(config.markets);
  if (hints.locale) {
    const wanted = hints.locale.toLowerCase();
    const exact = markets.find((market) => market.locales.some((tag) => tag.toLowerCase() === wanted));
    if (exact) return exact;
    const language = languageOf(wanted);
    const sameLanguage = markets.find((market) => market.locales.some((tag) => languageOf(tag) === language));
    if (sameLanguage) return sameLanguage;
  }
  if (hints.channel !== undefined && hints.channel !== null) {
    const channel = hints.channel;
    // A market without `channels` covers every channel, but only a market that names the channel was chosen
    // for it; "covers all" is what defaultMarket expresses.
    const byChannel = markets.find((market) => market.channels?.includes(channel) === true);
    if (byChannel) return byChannel;
  }
  return config.markets[config.defaultMarket] ?? markets[0] ?? null;
}
