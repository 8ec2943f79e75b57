/**
 * The widget's own page: `<bff>/widget/`, which the BFF serves next to this bundle and the iAGENT info tab opens
 * with `?token=`. Only on that page is the address bar ours to read and rewrite; as a custom element inside a
 * desk page, the address belongs to the host (its own `token` parameter, its history) and is never touched.
 */
const OWN_PAGE = new URL('./', import.meta.url);

/** True when `location` is the page served beside the bundle at `bundleDir` (same origin, same path). */
export function isWidgetPage(
  location: Pick<Location, 'origin' | 'pathname'>,
  bundleDir: Pick<URL, 'origin' | 'pathname'> = OWN_PAGE,
): boolean {
  return location.origin === bundleDir.origin && location.pathname === bundleDir.pathname;
}

/**
 * On the widget's own page: the `?token=` of the address, removed from it with `history.replaceState` so the
 * single-use token does not linger in history, bookmarks or a Referer. Anywhere else: null, address untouched.
 */
export function takeTokenFromWidgetPage(): string | null {
  if (!isWidgetPage(window.location)) return null;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return null;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url);
  return token;
}
