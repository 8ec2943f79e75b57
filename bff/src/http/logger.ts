import type { Logger } from '../core/logger.js';
import type { RequestHandler, Response } from 'express';
import { pino, type DestinationStream } from 'pino';
import type { LogLevel } from '../config.js';
import { getCorrelationId } from './correlation.js';

export type { Logger };

const CENSOR = '[Redacted]';

/**
 * Field names that may carry a credential anywhere in a log object (one or two levels deep: pino's redact
 * wildcards match one segment each). Headers are listed in both spellings because Node lower-cases
 * incoming headers but code may log outgoing ones as written.
 */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-auth-token',
  'X-Auth-Token',
  'token',
  'accessToken',
  'access_token',
  'session',
  'sessionId',
  'secret',
  'embedSecret',
  'password',
];

function bracket(field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
}

export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const tail = bracket(field);
  return [tail.slice(tail.startsWith('.') ? 1 : 0), `*${tail}`, `*.*${tail}`, `*.*.*${tail}`];
});

export interface CreateLoggerOptions {
  level: LogLevel;
  /** Where lines go (tests pass a stream to read them back); default stdout. */
  destination?: DestinationStream;
  /**
   * Known secret values (BigCommerce tokens, embed secrets). Any line containing one has it replaced,
   * whatever field or message it hid in: the last line of defence behind field redaction.
   */
  secrets?: readonly string[];
  base?: Record<string, unknown>;
}

/** Error shapes we log: only fields we know to be safe, never request configs or headers. */
const SAFE_ERROR_FIELDS = [
  'code',
  'status',
  'type',
  'storeKey',
  'method',
  'path',
  'retryable',
  'outcomeUnknown',
  'timeout',
  'resource',
  'id',
  'issues',
  'details',
];

export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const record = error as unknown as Record<string, unknown>;
  for (const field of SAFE_ERROR_FIELDS) {
    if (record[field] !== undefined && field !== 'type') out[field] = record[field];
  }
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

function scrubber(secrets: readonly string[]): ((line: string) => string) | undefined {
  // Short values would shred ordinary words; real tokens and secrets are long.
  const values = [...new Set(secrets.filter((value) => value.length >= 8))];
  if (values.length === 0) return undefined;
  return (line) => {
    let out = line;
    for (const value of values) if (out.includes(value)) out = out.split(value).join(CENSOR);
    return out;
  };
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const scrub = scrubber(options.secrets ?? []);
  return pino(
    {
      level: options.level,
      base: options.base ?? { service: 'order-context-bff' },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: serializeError, error: serializeError },
      ...(scrub ? { hooks: { streamWrite: scrub } } : {}),
    },
    options.destination,
  );
}

const LOCALS_KEY = 'log';

const CREDENTIAL_PARAMS = new Set(['token', 'session', 'access_token']);

/**
 * The embed URL carries the token in `?token=`: log the URL with that (and any other credential) blanked.
 * Parameter names are compared decoded, since `?%74oken=` reaches the widget as `token` too.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded: string;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // An undecodable name is odd enough to hide its value too.
        return eq < 0 ? pair : `${name}=${CENSOR}`;
      }
      return eq >= 0 && CREDENTIAL_PARAMS.has(decoded.trim().toLowerCase()) ? `${name}=${CENSOR}` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

// Probes and scrapes would drown the log at info level.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Binds a child logger with the correlation id to the request (read it with getRequestLogger) and writes
 * one line per finished request. Mount after the correlation middleware.
 */
export function createRequestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // The child is made on first use: a warm view that logs nothing at the configured level skips its cost.
    let child: Logger | undefined;
    const log = (): Logger => (child ??= logger.child({ correlationId: getCorrelationId(res) }));
    res.locals[LOCALS_KEY] = log;
    res.on('finish', () => {
      const level = QUIET_PATHS.has(req.path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        url: redactUrl(req.originalUrl),
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      log()[level](line, 'request');
    });
    next();
  };
}

export function getRequestLogger(res: Response, fallback?: Logger): Logger {
  const log: unknown = res.locals[LOCALS_KEY];
  if (typeof log === 'function') return (log as () => Logger)();
  return fallback ?? pino({ level: 'silent' });
}
