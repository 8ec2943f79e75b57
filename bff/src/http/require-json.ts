import type { RequestHandler } from 'express';
import { AppError } from './app-error.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * express.json() silently skips bodies of other types, which would surface later as a confusing
 * "missing field". Say what is wrong instead: 415 for a body that is not JSON.
 */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    // req.is() is null when there is no body at all: a bodiless POST is the route's business.
    const hasBody = req.is('*/*') !== null;
    if (BODY_METHODS.has(req.method) && hasBody && !req.is(['application/json', '+json'])) {
      throw new AppError('unsupported_media_type');
    }
    next();
  };
}
