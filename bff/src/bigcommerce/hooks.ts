/**
 * Webhook registrations (`/v3/hooks`, webhooks.v3 spec). A hook's custom `headers` are sent verbatim with every
 * delivery; ours carry the store's webhook secret, so they are never logged and never leave the BFF.
 */
import * as z from 'zod';

export interface BcHook {
  id: number;
  scope: string;
  destination: string;
  isActive: boolean;
  headers: Record<string, string>;
}

export interface HookInput {
  scope: string;
  destination: string;
  isActive: boolean;
  headers: Record<string, string>;
}

export const hookSchema = z
  .object({
    id: z.number().int().positive(),
    scope: z.string(),
    destination: z.string(),
    is_active: z.boolean().nullish(),
    headers: z.record(z.string(), z.string()).nullish(),
  })
  .transform((raw): BcHook => ({
    id: raw.id,
    scope: raw.scope,
    destination: raw.destination,
    isActive: raw.is_active !== false,
    headers: raw.headers ?? {},
  }));

/** Create and update answer `{data, meta}` (spec) or the bare hook (older docs, v2 route): accept both. */
export function unwrapHook(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'data' in body) return body.data;
  return body;
}

export function toHookBody(input: Partial<HookInput>): Record<string, unknown> {
  return {
    ...(input.scope === undefined ? {} : { scope: input.scope }),
    ...(input.destination === undefined ? {} : { destination: input.destination }),
    ...(input.isActive === undefined ? {} : { is_active: input.isActive }),
    ...(input.headers === undefined ? {} : { headers: input.headers }),
  };
}
