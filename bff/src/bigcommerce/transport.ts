/**
 * The HTTP transport for one store: an axios instance that speaks BigCommerce's conventions, with every
 * request run through the store's throttle and the retry policy. Nothing above this file sees axios.
 */
import { deadlineOf } from '../core/deadline.js';
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
  BigCommerceNetworkError,
  BigCommerceRateLimitError,
  createBigCommerceHttpError,
  type BigCommerceError,
} from './errors.js';
import {
  computeRetryDelay,
  createRetryPolicy,
  shouldRetry,
  type AttemptOutcome,
  type RetryPolicy,
} from './retry.js';
import {
  createThrottle,
  readRateLimitHeaders,
  readResetMs,
  type QuotaBudget,
  type Throttle,
} from './throttle.js';
import type { BigCommerceLogger } from './types.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Below `/stores/{hash}`, e.g. `/v2/orders/101`. */
  path: string;
  /** Low-cardinality template for metrics and logs, e.g. `/v2/orders/:id`. */
  route: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: unknown;
  signal?: AbortSignal;
  correlationId?: string;
}

export interface TransportResponse {
  status: number;
  /** The parsed JSON body, or null for "no content" (204 or an empty body). */
  body: unknown;
}

/** One attempt, as the metrics hook sees it (Prometheus-ready: route is a template, never an id). */
export interface RequestMetric {
  storeKey: string;
  method: string;
  route: string;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  outcome: 'ok' | 'http_error' | 'network_error' | 'timeout' | 'aborted';
  durationMs: number;
  /** 1-based. */
  attempt: number;
}

export interface TransportOptions {
  storeKey: string;
  storeHash: string;
  accessToken: string;
  apiUrl: string;
  timeoutMs: number;
  maxConcurrency: number;
  quotaBudget?: QuotaBudget;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  logger?: BigCommerceLogger;
  onRequest?: (metric: RequestMetric) => void;
}

export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  readonly throttle: Throttle;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

/** Connection failures that happen before a byte is sent: a write in this state certainly did not land. */
const NOT_SENT_CODES: readonly string[] = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
];

export function createTransport(options: TransportOptions): Transport {
  const { storeKey, now, sleep, logger } = options;
  const policy = createRetryPolicy(options.retry);
  const random = options.random ?? Math.random;
  const secrets = [options.accessToken];
  const throttle = createThrottle({
    now,
    sleep,
    maxConcurrency: options.maxConcurrency,
    budget: options.quotaBudget,
  });
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxConcurrency });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxConcurrency });

  const client: AxiosInstance = axios.create({
    baseURL: `${options.apiUrl.replace(/\/+$/, '')}/stores/${encodeURIComponent(options.storeHash)}`,
    headers: {
      'X-Auth-Token': options.accessToken,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    timeout: options.timeoutMs,
    // Every status comes back as a response; this file decides what is an error (and builds it without the token).
    validateStatus: () => true,
    responseType: 'json',
    transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: true },
    // BigCommerce redirects plain http to https; following redirects would resend the token to wherever we are sent.
    maxRedirects: 0,
    maxContentLength: 20 * 1024 * 1024,
    httpAgent,
    httpsAgent,
    // axios's HTTP(S)_PROXY support forwards https requests to an http proxy without a CONNECT tunnel, i.e. the
    // token would cross the proxy in clear text. A deployment that needs a proxy should pass a tunnelling agent.
    proxy: false,
  });

  function report(metric: Omit<RequestMetric, 'storeKey'>): void {
    try {
      options.onRequest?.({ storeKey, ...metric });
    } catch {
      // A broken metrics hook must never break a request.
    }
  }

  async function attemptOnce(
    request: TransportRequest,
    url: string,
    attempt: number,
  ): Promise<{ response: AxiosResponse<unknown> } | { outcome: AttemptOutcome; code?: string }> {
    const permit = await throttle.acquire(request.signal, deadlineOf(request.signal));
    const started = now();
    try {
      const response = await client.request<unknown>({
        method: request.method,
        url,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
      permit.release(readRateLimitHeaders(response.headers));
      const ok = response.status >= 200 && response.status < 300;
      report({
        method: request.method,
        route: request.route,
        status: response.status,
        outcome: ok ? 'ok' : 'http_error',
        durationMs: now() - started,
        attempt,
      });
      return { response };
    } catch (error: unknown) {
      permit.release(null);
      // Read only the code off the axios error; the error itself (with config.headers) is dropped right here.
      const code = readErrorCode(error);
      const aborted = request.signal?.aborted === true;
      const timeout = !aborted && (code === 'ETIMEDOUT' || code === 'ECONNABORTED');
      report({
        method: request.method,
        route: request.route,
        status: null,
        outcome: aborted ? 'aborted' : timeout ? 'timeout' : 'network_error',
        durationMs: now() - started,
        attempt,
      });
      return { outcome: aborted ? { kind: 'aborted' } : { kind: 'network', timeout }, code };
    }
  }

  async function request(request: TransportRequest): Promise<TransportResponse> {
    const url = request.path + buildQuery(request.query);
    const logBase = {
      storeKey,
      method: request.method,
      route: request.route,
      correlationId: request.correlationId,
    };
    for (let attempt = 1; ; attempt += 1) {
      const result = await attemptOnce(request, url, attempt);
      let outcome: AttemptOutcome;
      let failure: () => BigCommerceError;
      if ('response' in result) {
        const { status, data, headers } = result.response;
        if (status >= 200 && status < 300) {
          return { status, body: status === 204 || data === '' || data == null ? null : data };
        }
        const resetMs = status === 429 ? readResetMs(headers) : undefined;
        outcome = { kind: 'response', status, resetMs };
        failure = () =>
          createBigCommerceHttpError({
            storeKey,
            method: request.method,
            path: request.path,
            status,
            body: data,
            secrets,
            retryAfterMs: resetMs,
          });
      } else {
        const networkOutcome = result.outcome;
        if (networkOutcome.kind !== 'network') throw abortReason(request.signal);
        outcome = networkOutcome;
        const code = result.code;
        failure = () => createNetworkError(request, networkOutcome.timeout, code);
      }

      if (!shouldRetry({ method: request.method, attempt, outcome }, policy)) {
        const error = failure();
        if (error instanceof BigCommerceRateLimitError || error.status === undefined || error.status >= 500) {
          logger?.warn(
            { ...logBase, status: error.status, attempt, error: error.name },
            'BigCommerce call failed',
          );
        }
        throw error;
      }
      const delayMs = computeRetryDelay({ method: request.method, attempt, outcome }, policy, random);
      logger?.warn(
        {
          ...logBase,
          status: outcome.kind === 'response' ? outcome.status : null,
          timeout: outcome.kind === 'network' ? outcome.timeout : undefined,
          attempt,
          delayMs,
        },
        'BigCommerce call failed; retrying',
      );
      try {
        await sleep(delayMs, request.signal);
      } catch (error: unknown) {
        if (request.signal?.aborted) throw abortReason(request.signal);
        throw error;
      }
    }
  }

  function createNetworkError(
    request: TransportRequest,
    timeout: boolean,
    code: string | undefined,
  ): BigCommerceNetworkError {
    const isWrite = request.method !== 'GET';
    return new BigCommerceNetworkError(
      timeout
        ? `BigCommerce did not answer ${request.method} ${request.path} within ${options.timeoutMs} ms`
        : `Could not reach BigCommerce for ${request.method} ${request.path}` + (code ? ` (${code})` : ''),
      {
        storeKey,
        method: request.method,
        path: request.path,
        retryable: true,
        timeout,
        code,
        outcomeUnknown: isWrite && !(code !== undefined && NOT_SENT_CODES.includes(code)),
      },
    );
  }

  return {
    request,
    throttle,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * Builds `?a=1&b=2` keeping `:` in keys (`email:in`) and `,` in values (`id:in=1,2`) readable; everything else is
 * percent-encoded. Undefined values are left out.
 */
export function buildQuery(query: TransportRequest['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeQueryPart(key)}=${encodeQueryPart(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

function readErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
