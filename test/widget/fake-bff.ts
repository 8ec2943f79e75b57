// A fake BFF at the network edge: window.fetch is replaced by scripted responses and every request is logged.

export interface LoggedRequest {
  method: string;
  origin: string;
  /** Path and query, e.g. `/api/v1/context?refresh=1`. */
  path: string;
  headers: Headers;
  body: unknown;
}

/** A scripted answer: status and JSON body, or a function of the request, or a network failure. */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'network-error'
  | ((request: LoggedRequest) => Reply | Promise<Reply>);

export interface FakeBff {
  requests: LoggedRequest[];
  /** Requests as readable lines: `GET /api/v1/context?refresh=1`. */
  log(): string[];
  /** Queue replies for `METHOD /path` (without query); each request takes the next, the last one repeats. */
  on(route: string, ...replies: Reply[]): FakeBff;
  restore(): void;
}

export function installFakeBff(): FakeBff {
  const original = window.fetch;
  const routes = new Map<string, Reply[]>();
  const requests: LoggedRequest[] = [];

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const request: LoggedRequest = {
      method,
      origin: url.origin,
      path: url.pathname + url.search,
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
    };
    requests.push(request);
    init?.signal?.throwIfAborted();
    const queue = routes.get(`${method} ${url.pathname}`);
    if (!queue?.length) throw new Error(`fake BFF: no reply scripted for ${method} ${url.pathname}`);
    let reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    while (typeof reply === 'function') reply = await reply(request);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  };

  const fake: FakeBff = {
    requests,
    log: () => requests.map((r) => `${r.method} ${r.path}`),
    on(route, ...replies) {
      routes.set(route, replies);
      return fake;
    },
    restore() {
      window.fetch = original;
    },
  };
  return fake;
}

/** Resolves when `predicate` holds, checking after each animation frame (no fixed sleeps). */
export async function until(predicate: () => boolean, what = 'condition', frames = 300): Promise<void> {
  for (let i = 0; i < frames; i += 1) {
    if (predicate()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Finds an element through nested shadow roots: `deep(root, 'oc-order-list', 'button')`. */
export function deep<T extends Element = HTMLElement>(root: Element, ...selectors: string[]): T | null {
  let current: Element | null = root;
  for (const selector of selectors) {
    const scope: ParentNode | null | undefined = current?.shadowRoot ?? current;
    current = scope?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as T | null;
}

/**
 * The text an assistive technology would read, through shadow roots and slots: text nodes joined as they are,
 * element boundaries as a space, `aria-hidden` parts (decorative glyphs) and styles left out.
 */
export function textOf(element: Element | null | undefined): string {
  if (!element) return '';
  const collect = (node: Node): string => {
    if (node instanceof Text) return node.data;
    if (!(node instanceof Element)) return node instanceof DocumentFragment ? children(node) : '';
    if (node instanceof HTMLStyleElement || node.getAttribute('aria-hidden') === 'true') return '';
    return ` ${node instanceof HTMLSlotElement ? node.assignedNodes({ flatten: true }).map(collect).join('') : children(node.shadowRoot ?? node)} `;
  };
  const children = (parent: Node): string => [...parent.childNodes].map(collect).join('');
  return collect(element).replace(/\s+/g, ' ').trim();
}
