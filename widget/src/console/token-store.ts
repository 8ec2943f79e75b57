/**
 * The admin token lives in this tab's sessionStorage: asked once, gone when the tab closes, never in the URL
 * (where history, logs and Referers would keep it). /demo hands its sandbox token over in a meta tag of the
 * page, which is read once and removed.
 */
const KEY = 'oc-admin-token';
const PREFILL_META = 'meta[name="oc-admin-token"]';

export interface TokenStore {
  read(): string | null;
  save(token: string): void;
  forget(): void;
}

export function createTokenStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage,
): TokenStore {
  return {
    read: () => storage.getItem(KEY),
    save: (token) => storage.setItem(KEY, token),
    forget: () => storage.removeItem(KEY),
  };
}

/**
 * The token a /demo link handed over, taken out of the page; the address then becomes the console's own
 * (`consoleUrl`), so a reload works from sessionStorage like any other visit.
 */
export function takePrefilledToken(
  store: TokenStore,
  consoleUrl: URL,
  doc: Document = document,
): string | null {
  const meta = doc.querySelector<HTMLMetaElement>(PREFILL_META);
  if (!meta) return null;
  const token = meta.content;
  meta.remove();
  if (!token) return null;
  store.save(token);
  if (doc.location.pathname !== consoleUrl.pathname) {
    doc.defaultView?.history.replaceState(null, '', consoleUrl.pathname);
  }
  return token;
}
