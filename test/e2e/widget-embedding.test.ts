/**
 * End to end, the widget's own concerns as a browser meets them: the JavaScript a list and one order cost
 * (at most 30 kB gzip, issue 13.8), the lazily loaded chunks served and allowed by the CSP, and the widget as a
 * custom element inside a desk page on another origin, which keeps its own `?token=` (issue 9 C11).
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { signEmbedTokenFor } from '../../bff/src/auth/sign-embed-token.js';
import { startServer, type RunningServer } from '../../bff/src/server.js';
import { SANDBOX_PERSONAS } from '../../bff/src/sandbox/index.js';
import { BROWSER_ARGS, requireBrowser } from '../../scripts/browser.mjs';

const eu = SANDBOX_PERSONAS.sbx1eu;
const BUDGET_BYTES = 30_000;

/** Every script the widget page fetched: path, gzip size, and the response for its headers. */
interface Script {
  path: string;
  gzip: number;
  response: Response;
}

describe('the widget in Chromium: size budget, lazy chunks, custom element', () => {
  let server: RunningServer;
  let browser: Browser;
  let desk: http.Server;
  let deskOrigin = '';
  /** What the desk page embeds; set per test. */
  let deskHtml = '';

  before(async () => {
    // A desk page on its own origin (another port), as an iAGENT JSF view would be.
    desk = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(deskHtml);
    });
    await new Promise<void>((resolve) => desk.listen(0, '127.0.0.1', resolve));
    deskOrigin = `http://127.0.0.1:${(desk.address() as AddressInfo).port}`;
    server = await startServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oc-e2e-widget-')),
        LOG_LEVEL: 'silent',
        FRAME_ANCESTORS: `'self' ${deskOrigin}`,
      },
      { database: ':memory:', defaultMetrics: false },
    );
    browser = await chromium.launch({ executablePath: requireBrowser(), args: [...BROWSER_ARGS] });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => desk?.close(resolve));
  });

  /** A page that records the widget's scripts and any CSP refusal; `settle` waits for their bodies. */
  async function openRecorded(): Promise<{
    page: Page;
    scripts: Script[];
    refusals: string[];
    settle: () => Promise<void>;
  }> {
    const page = await browser.newPage({ viewport: { width: 380, height: 900 } });
    const scripts: Script[] = [];
    const pending: Promise<void>[] = [];
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
    });
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (!pathname.startsWith('/widget/') || !pathname.endsWith('.js')) return;
      pending.push(
        response.body().then((body) => {
          scripts.push({ path: pathname, gzip: zlib.gzipSync(body).length, response });
        }),
      );
    });
    return { page, scripts, refusals, settle: async () => void (await Promise.all(pending)) };
  }

  /**
   * Opens a demo ticket's list, then its first order: what an agent needs to answer. A ticket that names its order
   * (T-1001) opens that one first; Back shows the list.
   */
  async function loadListAndOrder(page: Page, ticket: string): Promise<void> {
    await page.goto(`${server.url}/demo?ticket=${ticket}`);
    const widget = page.frameLocator('iframe');
    await widget.locator('oc-order-detail h2, [data-order-id]').first().waitFor();
    if ((await widget.locator('oc-order-detail').count()) > 0) await widget.locator('.back').click();
    await widget.locator('[data-order-id]').first().waitFor();
    await widget.locator('[data-order-id]').first().click();
    await widget.locator('oc-order-detail section').first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  function report(t: TestContext, what: string, scripts: Script[], budgeted = true): number {
    const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
    const parts = scripts.map((script) => `${path.basename(script.path)} ${script.gzip} B`).join(' + ');
    t.diagnostic(`${what}: ${parts} = ${total} B gzip${budgeted ? ` (budget ${BUDGET_BYTES} B)` : ''}`);
    return total;
  }

  it('loads at most 30 kB gzip of JavaScript for a list and one order, German agent who may write notes', async (t) => {
    const { page, scripts, refusals, settle } = await openRecorded();
    await loadListAndOrder(page, 'T-1001');
    await settle();

    const total = report(t, 'T-1001 (de-DE, notes:write) list + one order', scripts);
    assert.ok(total <= BUDGET_BYTES, `${total} B gzip is over the budget`);
    const names = scripts.map((script) => path.basename(script.path));
    assert.ok(names.includes('order-context.js'));
    assert.ok(
      names.some((name) => name.startsWith('messages-de-')),
      'the German table',
    );
    for (const lazy of [
      'messages-en-',
      'note-composer-',
      'customer-search-',
      'search-schemas-',
      'reply-preview-',
      'errors-',
      'status-change-',
      'since-ticket-',
    ]) {
      assert.ok(
        !names.some((name) => name.startsWith(lazy)),
        `${lazy}… is not loaded for a list and an order`,
      );
    }
    assert.deepEqual(refusals, []);
    await page.close();
  });

  it('loads at most 30 kB gzip for a list and one order, read-only English agent', async (t) => {
    const { page, scripts, refusals, settle } = await openRecorded();
    await loadListAndOrder(page, 'T-1007');
    await settle();

    const total = report(t, 'T-1007 (en-US, orders:read) list + one order', scripts);
    assert.ok(total <= BUDGET_BYTES, `${total} B gzip is over the budget`);
    assert.ok(!scripts.some((script) => script.path.includes('messages-de-')), 'only the English table');
    assert.deepEqual(refusals, []);
    await page.close();
  });

  it('loads the status change as a chunk of its own, only for an agent who may change a status', async (t) => {
    const { page, scripts, refusals, settle } = await openRecorded();
    await loadListAndOrder(page, 'T-1008');
    await page.frameLocator('iframe').locator('oc-status-change').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    await settle();

    report(t, 'T-1008 (de-DE, orders:write) list + one order', scripts, false);
    const chunk = scripts.find((script) => path.basename(script.path).startsWith('status-change-'));
    assert.ok(chunk, 'the status-change chunk was loaded');
    assert.equal(chunk.response.status(), 200);
    assert.deepEqual(refusals, []);
    await page.close();
  });

  it('serves the lazily loaded chunks (composer, reply, errors) as immutable scripts the CSP allows', async (t) => {
    const { page, scripts, refusals, settle } = await openRecorded();
    await loadListAndOrder(page, 'T-1001');
    const widget = page.frameLocator('iframe');

    await widget.locator('.compose').click();
    await widget.locator('oc-note-composer textarea').waitFor();
    await widget.getByRole('button', { name: 'Als Antwort kopieren' }).click();
    await widget.locator('oc-reply-preview .reply').waitFor();
    await page.waitForLoadState('networkidle');
    await settle();

    report(t, 'T-1001 after writing a note and copying a reply', scripts, false);
    for (const chunk of ['note-composer-', 'reply-preview-']) {
      const script = scripts.find((s) => path.basename(s.path).startsWith(chunk));
      assert.ok(script, `${chunk}… was loaded`);
      assert.equal(script.response.status(), 200);
      assert.match(script.response.headers()['content-type'] ?? '', /javascript/);
      assert.match(script.response.headers()['cache-control'] ?? '', /immutable/);
    }
    assert.deepEqual(refusals, []);
    await page.close();
  });

  it('as a custom element in a desk page on another origin: its token attribute, the desk’s ?token= untouched', async () => {
    const token = await signEmbedTokenFor(server.config, {
      agent: 'desk.agent',
      ticket: 'T-1001',
      email: eu.registered.email,
      market: 'de',
      locale: 'de-DE',
      scope: ['orders:read', 'notes:write', 'links:write'],
    });
    deskHtml = `<!doctype html><html lang="de"><head><meta charset="utf-8">
      <script type="module" src="${server.url}/widget/order-context.js"></script></head>
      <body><h1>Ticket T-1001</h1><oc-order-context token="${token}"></oc-order-context></body></html>`;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));

    await page.goto(`${deskOrigin}/desk/ticket.jsf?token=the-desks-own&tab=2`);
    const widget = page.locator('oc-order-context');
    await widget.locator('[data-order-id]').first().waitFor();
    await widget.locator('[data-order-id]').first().click();
    await widget.locator('.compose').click();
    await widget.locator('oc-note-composer textarea').waitFor();

    assert.equal(new URL(page.url()).search, '?token=the-desks-own&tab=2');
    assert.match(await widget.locator('oc-order-detail h2').innerText(), /^Bestellung #\d+$/);
    assert.deepEqual(failed, []);
    await page.close();
  });
});
