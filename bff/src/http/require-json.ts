import type { RequestHandler } from 'express';
import { AppError } from '../core/app-error.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * express.json() silently skips bodies of other types, which would surface later as a confusing
 * "missing field". Say what is wrong instead: 415 for a body that is not JSON.
 */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    // A bodiless POST (no body or Content-Length: 0, as fetch sends) is the route's business.
    const length = req.get('Content-Length');
    const hasBody =
      req.get('Transfer-Encoding') !== undefined || (length !== undefined && Number(length) > 0);
    if (BODY_METHODS.has(req.method) && hasBody && !req.is(['application/json', '+json'])) {
      throw new AppError('unsupported_media_type');
    }
    next();
  };
}
