/**
 * Copies `text`, and says whether it worked. The Clipboard API first; an iframe without the clipboard-write
 * permission (or a page outside a secure context) has none, so then the old `execCommand('copy')` on a
 * hidden textarea. That moves focus, so it goes back to `returnFocusTo` (the button pressed) afterwards.
 */
export async function copyText(text: string, returnFocusTo: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fall through to the legacy path.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.readOnly = true;
  area.style.cssText = 'position:fixed;top:0;opacity:0';
  (returnFocusTo.parentNode ?? document.body).append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    returnFocusTo.focus();
  }
}
