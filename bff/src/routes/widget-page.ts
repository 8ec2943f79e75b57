import path from 'node:path';
import express, { Router } from 'express';

export interface WidgetRouteDeps {
  /** widget/dist (Vite's output). May not exist in tests; the page is still served. */
  widgetDist: string;
}

/**
 * The page the iAGENT info tab opens. No inline script or style (CSP), relative URLs so the BFF can sit
 * under a proxy path prefix. The component reads `?token=` itself and trades it for a session.
 */
export const WIDGET_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Order context</title>
    <link rel="stylesheet" href="widget-page.css" />
    <script type="module" src="order-context.js"></script>
  </head>
  <body>
    <oc-order-context></oc-order-context>
  </body>
</html>
`;

const WIDGET_PAGE_CSS = `html,body{margin:0;padding:0;background:transparent}
oc-order-context{display:block;min-height:100vh}
`;

// Vite names chunks `[name]-[hash].js`; only those never change under the same URL.
const HASHED_FILE = /-[A-Za-z0-9_-]{8,}\.(?:js|css|woff2?|svg|png)$/;

function cacheControlFor(file: string): string {
  if (HASHED_FILE.test(path.basename(file))) return 'public, max-age=31536000, immutable';
  // The entry keeps its name across releases: a short max-age lets a deploy reach agents within minutes.
  if (path.basename(file) === 'order-context.js') return 'public, max-age=300';
  return 'no-cache';
}

export function createWidgetRouter(deps: WidgetRouteDeps): Router {
  const router = Router({ strict: true });

  router.get('/widget', (req, res) => {
    // Relative Location keeps a proxy prefix and the ?token= query.
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res.redirect(301, `widget/${query}`);
  });

  router.get('/widget/', (_req, res) => {
    // The URL holds a one-time token: nothing about this response may be cached.
    res.set('Cache-Control', 'no-store').type('html').send(WIDGET_PAGE_HTML);
  });

  router.get('/widget/widget-page.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('css').send(WIDGET_PAGE_CSS);
  });

  router.use(
    '/widget',
    express.static(deps.widgetDist, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', cacheControlFor(file));
      },
    }),
  );
  return router;
}
