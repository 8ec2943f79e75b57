import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, DESIGN §10 Push): `v1,` and the base64
 * HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>". The key is the secret's bytes, or — for a secret
 * of the form `whsec_<base64>` — the decoded bytes after the prefix, as the Standard Webhooks libraries read it.
 */
export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret))
    .update(`${id}.${timestampSec}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function webhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** The three headers of one delivery. */
export function webhookHeaders(
  secret: string,
  id: string,
  nowMs: number,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
