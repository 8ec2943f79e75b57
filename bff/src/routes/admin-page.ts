import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../core/app-error.js';

export interface AdminPageDeps {
  /** ADMIN_TOKEN; null = there is no console (404), as there is no admin API. */
  adminToken: string | null;
  /** The console's build output (Vite, vite.console.config.ts). May not exist in tests; the page is still served. */
  consoleDist: string;
}

export interface AdminPageOptions {
  /** Where admin.js and admin-page.css are: `` next to the page at /admin/, `/admin/` from elsewhere. */
  assetBase: string;
  /** Sandbox only (/demo's link): the token handed to the page, which stores it and drops this tag. */
  prefillToken?: string | null;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The operations console's page: no inline script or style (the CSP holds), the token asked by the page itself
 * and kept in sessionStorage, never in the URL. A prefilled token travels in a meta tag of this one response.
 */
export function renderAdminPage(options: AdminPageOptions): string {
  const base = escapeAttribute(options.assetBase);
  const prefill = options.prefillToken
    ? `\n    <meta name="oc-admin-token" content="${escapeAttribute(options.prefillToken)}" />`
    : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="robots" content="noindex" />${prefill}
    <title>Operations console · Order context</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${base}admin-page.css" />
    <script type="module" src="${base}admin.js"></script>
  </head>
  <body>
    <oc-admin-console></oc-admin-console>
    <noscript>The operations console needs JavaScript.</noscript>
  </body>
</html>
`;
}

const ADMIN_PAGE_CSS = `html,body{margin:0;padding:0;background:#eef1f4}
oc-admin-console{display:block;min-height:100vh}
noscript{display:block;padding:24px;font:16px system-ui,sans-serif}
`;

const HASHED_FILE = /-[A-Za-z0-9_-]{8,}\.js$/;

/**
 * An admin page with actions has no business inside anybody's frame: the widget's CSP, with frame-ancestors
 * 'none' instead of the novomind origins the widget allows.
 */
const refuseFraming: RequestHandler = (_req, res, next) => {
  const csp = res.getHeader('Content-Security-Policy');
  if (typeof csp === 'string') {
    res.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"));
  }
  next();
};

/** GET /admin/: the console (its own bundle, admin.js, built apart from the widget's). */
export function createAdminPageRouter(deps: AdminPageDeps): Router {
  const router = Router({ strict: true });
  router.use('/admin', (_req, _res, next) => {
    if (deps.adminToken === null) throw new AppError('not_found');
    next();
  });
  router.use('/admin', refuseFraming);

  router.get('/admin', (_req, res) => {
    res.redirect(301, 'admin/');
  });
  router.get('/admin/', (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(renderAdminPage({ assetBase: '' }));
  });
  router.get('/admin/admin-page.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('css').send(ADMIN_PAGE_CSS);
  });
  router.use(
    '/admin',
    express.static(deps.consoleDist, {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        res.setHeader(
          'Cache-Control',
          HASHED_FILE.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  return router;
}
