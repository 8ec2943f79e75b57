import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config.js';

/**
 * Every source allowed in CSP `frame-ancestors`: FRAME_ANCESTORS plus each market's frameOrigins.
 * `'none'` stands alone (CSP ignores it next to other sources, so we do not pretend otherwise).
 */
export function collectFrameAncestors(config: Pick<AppConfig, 'frameAncestors' | 'markets'>): string[] {
  if (config.frameAncestors.includes("'none'") && marketOrigins(config).length === 0) return ["'none'"];
  const sources = config.frameAncestors.filter((source) => source !== "'none'");
  return [...new Set([...sources, ...marketOrigins(config)])];
}

/** Origins (not keywords) that may load the widget script and call the API cross-origin. */
export function collectCorsOrigins(config: Pick<AppConfig, 'frameAncestors' | 'markets'>): Set<string> {
  return new Set(collectFrameAncestors(config).filter((source) => !source.startsWith("'")));
}

function marketOrigins(config: Pick<AppConfig, 'markets'>): string[] {
  return Object.values(config.markets).flatMap((market) => market.frameOrigins);
}

/**
 * Helmet with a CSP that allows only our own scripts and styles. Lit puts component styles into
 * adoptedStyleSheets, which CSP does not gate, so no 'unsafe-inline' is needed.
 */
export function createSecurityHeaders(config: Pick<AppConfig, 'frameAncestors' | 'markets'>): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: collectFrameAncestors(config),
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        // Not upgrade-insecure-requests: on plain-HTTP hosts other than localhost Chromium would rewrite the
        // bundle URL to https and fail (toolchain pitfall 9). TLS is the proxy's job.
      },
    },
    // X-Frame-Options cannot name novomind's origin; frame-ancestors above is the rule browsers apply.
    xFrameOptions: false,
    // The embed URL carries a token: never leak it in a Referer.
    referrerPolicy: { policy: 'no-referrer' },
  });
}

const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Correlation-Id';
const CORS_ALLOW_METHODS = 'GET, POST';

/**
 * CORS for the custom-element embedding (DESIGN §4): a JSF page on a novomind origin loads
 * /widget/*.js as a module script and calls /api/* directly, so both need Access-Control-Allow-Origin
 * for exactly the configured origins (toolchain pitfall 10). No credentials: the session is a Bearer header.
 */
export function createCors(config: Pick<AppConfig, 'frameAncestors' | 'markets'>): RequestHandler {
  const allowed = collectCorsOrigins(config);
  return (req, res, next) => {
    const applies =
      req.path.startsWith('/api/') || (req.path.startsWith('/widget/') && req.path.endsWith('.js'));
    if (!applies) {
      next();
      return;
    }
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Expose-Headers', 'X-Correlation-Id');
    if (req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined) {
      res.set('Access-Control-Allow-Methods', CORS_ALLOW_METHODS);
      res.set('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
