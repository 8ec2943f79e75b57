import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './harness.js';

describe('GET /widget/', () => {
  let app: TestApp;
  let dist: string;
  before(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-dist-'));
    fs.writeFileSync(path.join(dist, 'order-context.js'), 'export {};\n');
    fs.writeFileSync(path.join(dist, 'lit-element-Ab12Cd34.js'), 'export {};\n');
    app = await startTestApp({ widgetDist: dist });
  });
  after(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves a CSP-clean page that loads the widget and hosts its element', async () => {
    const response = await app.fetch('/widget/?token=abc.def.ghi');
    const html = await response.text();

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(html, /<script type="module" src="order-context\.js"><\/script>/);
    assert.match(html, /<oc-order-context><\/oc-order-context>/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|style=/, 'no inline style');
    assert.ok(!html.includes('abc.def.ghi'), 'the page never echoes the token');
  });

  it('redirects /widget to /widget/ keeping the query', async () => {
    const response = await app.fetch('/widget?token=abc', { redirect: 'manual' });

    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), 'widget/?token=abc');
  });

  it('serves its stylesheet from the same origin', async () => {
    const response = await app.fetch('/widget/widget-page.css');

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/css/);
  });

  it('caches the entry script briefly and hashed chunks forever', async () => {
    const entry = await app.fetch('/widget/order-context.js');
    const chunk = await app.fetch('/widget/lit-element-Ab12Cd34.js');

    assert.equal(entry.status, 200);
    assert.match(entry.headers.get('content-type') ?? '', /javascript/);
    assert.equal(entry.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  it('answers a missing file with the JSON 404', async () => {
    const response = await app.fetch('/widget/missing.js');

    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
  });
});
