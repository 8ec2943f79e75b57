import type { RequestHandler } from 'express';
import { AppError } from '../core/app-error.js';

/** Last in the chain: anything unmatched becomes the catalog's JSON 404 via the error handler. */
export function createNotFound(): RequestHandler {
  return () => {
    throw new AppError('not_found');
  };
}
