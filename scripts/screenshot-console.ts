/**
 * Screenshots of the operations console (`npm run screenshot -- console`): the product in sandbox mode on a clock
 * that starts 45 minutes ago, agents' ticket views minute by minute so the last hour has a past, then the console
 * healthy (docs/console-healthy.png) and with a 429 storm on eu (a note queued meanwhile) and an outage on us
 * (docs/console-degraded.png). Every figure comes from the running product; nothing is written into its tables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../bff/src/server.js';

const MINUTE = 60_000;
const HISTORY_MINUTES = 45;

/** What an agent's sidebar does for a ticket: a session, the context, the newest order. */
async function viewTicket(server: RunningServer, ticket: string): Promise<string> {
  const redirect = await fetch(`${server.url}/demo/tickets/${ticket}/widget`, { redirect: 'manual' });
  const token = new URL(redirect.headers.get('location') ?? '', server.url).searchParams.get('token');
  const opened = await fetch(`${server.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const { session } = (await opened.json()) as { session: string };
  const auth = { authorization: `Bearer ${session}` };
  const context = (await (await fetch(`${server.url}/api/v1/context`, { headers: auth })).json()) as {
    orders?: { id: number }[];
  };
  const first = context.orders?.[0];
  if (first) await fetch(`${server.url}/api/v1/orders/${first.id}`, { headers: auth });
  return session;
}

export async function shootConsole(browser: Browser, out: string): Promise<void> {
  let offset = -HISTORY_MINUTES * MINUTE;
  const now = () => Date.now() + offset;
  const server = await startServer(
    {
      ...process.env,
      PORT: '0',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-shot-console-')),
      LOG_LEVEL: 'warn',
    },
    // The sandbox's rate-limit windows run on the same clock, so the replayed hour spends quota as an hour would.
    { database: ':memory:', now, sandbox: { now } },
  );
  const admin = { authorization: `Bearer ${server.config.adminToken ?? ''}` };
  try {
    const tickets = ['T-1001', 'T-1002', 'T-1003', 'T-1005', 'T-1006', 'T-1007'];
    for (let minute = 0; minute < HISTORY_MINUTES; minute += 1) {
      offset = (minute - HISTORY_MINUTES) * MINUTE;
      // Busier at some minutes than others, as a desk is.
      const views = 1 + ((minute * 7) % 5);
      for (let view = 0; view < views; view += 1)
        await viewTicket(server, tickets[(minute + view) % tickets.length]!);
      await fetch(`${server.url}/api/v1/admin/status`, { headers: admin });
    }
    offset = 0;
    // The replayed hour ran the sync on the past clock: a delta run now, so the index is as current as it would be.
    for (const store of Object.keys(server.config.stores)) {
      await fetch(`${server.url}/api/v1/admin/stores/${store}/actions/run-delta`, {
        method: 'POST',
        headers: admin,
      });
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${server.url}/demo/console`);
    await page.locator('oc-store-card .badge[data-state="healthy"]').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'console-healthy.png'), fullPage: true });

    const form = (body: string) =>
      fetch(`${server.url}/demo/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    await form('store=eu&fault=rate-limit');
    await form('store=us&fault=outage');
    // An agent writes a note while eu throttles: it is accepted and queued.
    const session = await viewTicket(server, 'T-1001').catch(() => '');
    const context = (await (
      await fetch(`${server.url}/api/v1/context`, { headers: { authorization: `Bearer ${session}` } })
    ).json()) as { orders?: { id: number }[] };
    const orderId = context.orders?.[0]?.id;
    if (orderId) {
      await fetch(`${server.url}/api/v1/orders/${orderId}/notes`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session}`,
          'content-type': 'application/json',
          'idempotency-key': 'screenshot-note-0001',
        },
        body: JSON.stringify({ text: 'Rückruf vereinbart.' }),
      });
    }
    await page.reload();
    await page.locator('oc-store-card .badge[data-state="failing"]').first().waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'console-degraded.png'), fullPage: true });
    await page.close();
    console.log('saved docs/console-healthy.png, docs/console-degraded.png');
  } finally {
    await server.close();
  }
}
