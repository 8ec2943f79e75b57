import { LitElement, html, nothing } from 'lit';
import type { OrderDetail } from '../../../../shared/order.js';
import { copyText } from '../../clipboard.js';
import type { I18n } from '../../i18n/i18n.js';
import { composeReply, REPLY_COPIED } from '../../reply/compose-reply.js';
import { baseStyles } from '../../styles/base.styles.js';
import { replyPreviewStyles } from './reply-preview.styles.js';

/**
 * @summary "Copy as reply": composes a short answer for the shopper in the ticket's language, copies it, and
 *   shows it (selected, for Ctrl+C, when the clipboard is blocked). Loaded with its texts when first used.
 */
export class OcReplyPreview extends LitElement {
  static override styles = [baseStyles, replyPreviewStyles];
  static override properties = {
    order: { attribute: false },
    i18n: { attribute: false },
    copied: { state: true },
    text: { state: true },
  };

  order: OrderDetail | null = null;
  i18n: I18n | null = null;

  private text = '';
  private copied: boolean | null = null;

  /** Composes and copies; `button` (the one pressed) gets focus back if the clipboard fallback moved it. */
  async copy(button: HTMLElement): Promise<void> {
    const { order, i18n } = this;
    if (!order || !i18n) return;
    this.text = composeReply(order, i18n);
    this.copied = await copyText(this.text, button);
    await this.updateComplete;
    const shown = this.renderRoot.querySelector('.reply');
    if (!this.copied && shown) window.getSelection()?.selectAllChildren(shown);
  }

  override render() {
    const { i18n, copied } = this;
    if (!i18n) return nothing;
    // The status exists (empty) before the first copy, so that the live region announces its text.
    return html`<p class="small" role="status">
        ${copied === null ? '' : copied ? (REPLY_COPIED[i18n.language] ?? REPLY_COPIED.en) : i18n.t.copyFailed}
      </p>
      ${this.text ? html`<p class="card reply">${this.text}</p>` : nothing}`;
  }
}

customElements.define('oc-reply-preview', OcReplyPreview);

declare global {
  interface HTMLElementTagNameMap {
    'oc-reply-preview': OcReplyPreview;
  }
}
