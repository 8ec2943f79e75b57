import type { Response } from 'express';

/** Sends JSON text that a domain function serialized (most of it once, when it was cached). */
export function sendJson(res: Response, json: string): void {
  res.type('application/json').send(json);
}
