import type { RequestHandler } from 'express';
import { AppError } from '../core/app-error.js';
import { hasBearer, readBearer } from './bearer.js';

/**
 * Guards everything under /api/v1/admin and the console page with ADMIN_TOKEN. Without a configured token the
 * admin API does not exist (404, not merely locked); no bearer is 401 with a Bearer challenge (RFC 6750); a
 * bearer that is not the admin token is 403.
 */
export function requireAdminToken(adminToken: string | null): RequestHandler {
  return (req, res, next) => {
    if (adminToken === null) throw new AppError('not_found');
    const header = req.get('Authorization');
    if (readBearer(header) === null) {
      res.set('WWW-Authenticate', 'Bearer realm="admin"');
      throw new AppError('unauthorized', {
        message: 'The admin API needs the admin token: send Authorization: Bearer <ADMIN_TOKEN>.',
      });
    }
    if (!hasBearer(header, adminToken)) {
      throw new AppError('forbidden', { message: 'This is not the admin token.' });
    }
    next();
  };
}
