/**
 * Typed errors for everything that can go wrong while talking to BigCommerce.
 *
 * Two families, kept apart on purpose (ky's SchemaValidationError vs HTTPError):
 * - BigCommerceError and its subclasses: the transport or BigCommerce itself failed.
 * - BigCommerceSchemaError: BigCommerce answered, but a record did not match what we read.
 *
 * No error ever holds the access token, an axios error, a request config or headers: axios errors carry
 * `config.headers['X-Auth-Token']`, so they are translated here and never rethrown or attached as `cause`.
 */

export interface BigCommerceErrorInit {
  storeKey: string;
  method: string;
  /** Path below `/stores/{hash}`, without host and without query string (queries carry shopper emails). */
  path: string;
  status?: number;
  retryable: boolean;
  /** A write whose effect is unknown (timeout, dropped connection, 5xx): the caller must read back before repeating it. */
  outcomeUnknown?: boolean;
  /** BigCommerce's own message from the error body, already redacted. */
  upstreamMessage?: string;
}

export class BigCommerceError extends Error {
  readonly status: number | undefined;
  readonly storeKey: string;
  readonly method: string;
  readonly path: string;
  /** True when the same call may succeed later (429, 5xx, network). Says nothing about blind repeats of writes. */
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly upstreamMessage: string | undefined;

  constructor(message: string, init: BigCommerceErrorInit) {
    super(message);
    this.name = 'BigCommerceError';
    this.status = init.status;
    this.storeKey = init.storeKey;
    this.method = init.method;
    this.path = init.path;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.upstreamMessage = init.upstreamMessage;
  }

  /** What a logger or JSON.stringify sees: only these fields, never anything request-shaped. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      storeKey: this.storeKey,
      method: this.method,
      path: this.path,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
      upstreamMessage: this.upstreamMessage,
    };
  }
}

export class BigCommerceHttpError extends BigCommerceError {
  constructor(message: string, init: BigCommerceErrorInit) {
    super(message, init);
    this.name = 'BigCommerceHttpError';
  }
}

export class BigCommerceNotFoundError extends BigCommerceHttpError {
  constructor(message: string, init: BigCommerceErrorInit) {
    super(message, init);
    this.name = 'BigCommerceNotFoundError';
  }
}

/** 401 (token wrong or revoked) or 403 (token lacks the scope). Retrying never helps. */
export class BigCommerceAuthError extends BigCommerceHttpError {
  constructor(message: string, init: BigCommerceErrorInit) {
    super(message, init);
    this.name = 'BigCommerceAuthError';
  }
}

/** 429 after our retries (or a wait longer than we allow). `retryAfterMs` is the server's wait, when it gave one. */
export class BigCommerceRateLimitError extends BigCommerceHttpError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: BigCommerceErrorInit & { retryAfterMs?: number }) {
    super(message, init);
    this.name = 'BigCommerceRateLimitError';
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** No HTTP answer: connection refused/reset, DNS, or our timeout (`timeout: true`). */
export class BigCommerceNetworkError extends BigCommerceError {
  readonly timeout: boolean;
  /** The system error code (ECONNREFUSED, ECONNRESET, ETIMEDOUT …) when there is one. */
  readonly code: string | undefined;

  constructor(message: string, init: BigCommerceErrorInit & { timeout: boolean; code?: string }) {
    super(message, init);
    this.name = 'BigCommerceNetworkError';
    this.timeout = init.timeout;
    this.code = init.code;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeout: this.timeout, code: this.code };
  }
}

export interface SchemaIssue {
  /** Dotted path inside the record, e.g. `items.0.quantity`; `''` for the record itself. */
  path: string;
  message: string;
}

export interface BigCommerceSchemaErrorInit {
  storeKey: string;
  resource: string;
  id: string | null;
  issues: SchemaIssue[];
  method?: string;
  path?: string;
}

/** BigCommerce answered 2xx but the payload does not match our schema. A different family from transport errors. */
export class BigCommerceSchemaError extends Error {
  readonly storeKey: string;
  readonly resource: string;
  readonly id: string | null;
  readonly issues: readonly SchemaIssue[];
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(init: BigCommerceSchemaErrorInit) {
    const first = init.issues[0];
    const where = init.id === null ? init.resource : `${init.resource} ${init.id}`;
    super(
      `BigCommerce sent an invalid ${where}` +
        (first ? `: ${first.path || '(record)'}: ${first.message}` : '') +
        (init.issues.length > 1 ? ` (+${init.issues.length - 1} more)` : ''),
    );
    this.name = 'BigCommerceSchemaError';
    this.storeKey = init.storeKey;
    this.resource = init.resource;
    this.id = init.id;
    this.issues = init.issues;
    this.method = init.method;
    this.path = init.path;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      storeKey: this.storeKey,
      resource: this.resource,
      id: this.id,
      issues: this.issues,
      method: this.method,
      path: this.path,
    };
  }
}

const REDACTED = '[REDACTED]';

/**
 * Removes every given secret from a text. Used on anything that came back from the wire (error bodies can echo
 * request data) before it goes into an error or a log line.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary text; real tokens are long.
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out.replace(/(x-auth-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`);
}

/** Extracts BigCommerce's message from a v2 (`[{status, message}]`) or v3 (`{title, errors}`) error body. */
export function readUpstreamMessage(body: unknown): string | undefined {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (typeof first === 'string') return first.slice(0, 300) || undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const record = first as Record<string, unknown>;
  const text = [record.message, record.title].find((value) => typeof value === 'string');
  return typeof text === 'string' ? text.slice(0, 300) : undefined;
}

export interface HttpErrorInit {
  storeKey: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  secrets: readonly string[];
  retryAfterMs?: number;
}

/** The one place that maps an HTTP status to an error class. */
export function createBigCommerceHttpError(init: HttpErrorInit): BigCommerceHttpError {
  const { status, method, path } = init;
  const rawMessage = readUpstreamMessage(init.body);
  const upstreamMessage = rawMessage === undefined ? undefined : redactSecrets(rawMessage, init.secrets);
  const isWrite = method !== 'GET' && method !== 'HEAD';
  const base = {
    storeKey: init.storeKey,
    method,
    path,
    status,
    upstreamMessage,
    retryable: status === 429 || (status >= 500 && status !== 501 && status !== 505 && status !== 507),
    // A 5xx on a write may still have been applied before the failure; a 4xx or 429 was refused up front.
    outcomeUnknown: isWrite && status >= 500,
  };
  const text =
    `BigCommerce answered ${status} to ${method} ${path}` + (upstreamMessage ? `: ${upstreamMessage}` : '');
  if (status === 401 || status === 403) return new BigCommerceAuthError(text, base);
  if (status === 404) return new BigCommerceNotFoundError(text, base);
  if (status === 429)
    return new BigCommerceRateLimitError(text, { ...base, retryAfterMs: init.retryAfterMs });
  return new BigCommerceHttpError(text, base);
}
