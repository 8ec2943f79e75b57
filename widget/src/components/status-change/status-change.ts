import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { OrderDetail } from '../../../../shared/order.js';
import type { SessionResponse } from '../../../../shared/session.js';
import {
  allowedTargets,
  REASON_MAX_LENGTH,
  REASON_MIN_LENGTH,
  type StatusChangeResponse,
} from '../../../../shared/status-change.js';
import type { BffClient } from '../../bff-client.js';
import { createClientError, isRetryable, toBffError, type BffError } from '../../bff-error.js';
import { OcStatusChangedEvent } from '../../events/status-changed-event.js';
import { OcStatusCloseEvent } from '../../events/status-close-event.js';
import type { I18n } from '../../i18n/i18n.js';
import { createIdempotencyKey } from '../../idempotency-key.js';
import { changeStatus } from '../../status-client.js';
import { baseStyles } from '../../styles/base.styles.js';
import { renderStatusBadge, statusBadgeStyles } from '../status-badge/status-badge.js';
import { STATUS_CHANGE_MESSAGES, type StatusChangeMessages } from './status-change.messages.js';
import { statusChangeStyles } from './status-change.styles.js';
import '../error-panel/error-panel.js';

/** Answers that end the attempt: saying why is all that helps (a Retry would be refused the same way). */
const REFUSALS = new Set(['order_changed', 'transition_not_allowed', 'invalid_reason']);

function isRefusal(error: BffError): boolean {
  return REFUSALS.has(error.code) || !isRetryable(error.code);
}

/** Characters as a person (and the BFF) counts them: code points. */
function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * @summary "Change status" for an order, where the agent's market allows a change from its current status: a
 *   modal dialog offers only the allowed targets, asks for the reason, warns that BigCommerce may e-mail the
 *   shopper, and shows the outcome (changed; changed by someone else meanwhile, with the status it has now;
 *   refused). The Idempotency-Key is made when the agent submits and reused for every retry of that change.
 * @event oc-status-changed - BigCommerce has the new status (bubbles, composed).
 * @event oc-status-close - The dialog closed; `stale` when the order shown is out of date (bubbles, not composed).
 */
export class OcStatusChange extends LitElement {
  static override styles = [baseStyles, statusBadgeStyles, statusChangeStyles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    order: { attribute: false },
    i18n: { attribute: false },
    from: { state: true },
    targets: { state: true },
    target: { state: true },
    reason: { state: true },
    sent: { state: true },
  };

  client: BffClient | null = null;
  /** The session: its id for the call, and its market's allowed changes (`statusChanges`). */
  session: Pick<SessionResponse, 'session' | 'statusChanges'> | null = null;
  order: OrderDetail | null = null;
  i18n: I18n | null = null;

  /** The order's status when the dialog opened: what the agent saw, sent as `expectedStatusId`. */
  private from: OrderDetail['status'] | null = null;
  private targets: number[] = [];
  private target = 0;
  private reason = '';
  /** Set once the agent submitted: from then on the dialog shows the outcome. */
  private sent = false;

  #idempotencyKey: string | null = null;
  /** The order shown behind the dialog no longer has the status it shows. */
  #stale = false;

  readonly #changeTask = new Task(this, {
    autoRun: false,
    task: async (
      [orderId, statusId, expectedStatusId, reason, key]: readonly [number, number, number, string, string],
      { signal },
    ) => {
      if (!this.client || !this.session) throw createClientError('internal_error', 'No BFF client.');
      return changeStatus(
        this.client,
        this.session.session,
        orderId,
        { statusId, expectedStatusId, reason },
        key,
        signal,
      );
    },
    onComplete: (change: StatusChangeResponse) => {
      this.#stale = true;
      this.dispatchEvent(new OcStatusChangedEvent(change));
      void this.#focusOutcome();
    },
    onError: (raw) => {
      const error = toBffError(raw);
      if (error.code === 'order_changed') this.#stale = true;
      // Refusal texts (and most error texts) are a chunk of their own; the error panel loads its own.
      if (isRefusal(error)) void this.i18n?.loadErrors().then(() => this.requestUpdate());
      void this.#focusOutcome();
    },
  });

  override render() {
    const { i18n, order } = this;
    if (!i18n || !order) return nothing;
    const t = this.#messages(i18n);
    const open = this.from !== null;
    const offered = open || this.#allowedFrom(order.status.id).length > 0;
    return html`${
        offered
          ? html`<button type="button" class="link open" aria-haspopup="dialog" @click=${this.#onOpen}>
              ${t.changeStatus}
            </button>`
          : nothing
      }
      <dialog
        aria-labelledby="status-title"
        aria-describedby="status-warning"
        @cancel=${this.#onCancel}
        @close=${this.#onClose}
        @keydown=${this.#onKeydown}
      >
        ${open ? this.#renderForm(i18n, t, order) : nothing}
      </dialog>`;
  }

  #renderForm(i18n: I18n, t: StatusChangeMessages, order: OrderDetail): TemplateResult {
    const busy = this.#changeTask.status === TaskStatus.PENDING;
    const done = this.sent && !busy && this.#changeTask.status !== TaskStatus.INITIAL && !this.#retryable();
    const length = countCharacters(this.reason.trim());
    const valid = length >= REASON_MIN_LENGTH && length <= REASON_MAX_LENGTH;
    const [single] = this.targets;
    return html`<form @submit=${this.#onSubmit}>
      <h2 id="status-title">${t.title(`#${order.id}`)}</h2>
      <p>${t.currentStatus}: ${this.from ? renderStatusBadge(this.from, i18n) : nothing}</p>
      ${
        this.targets.length === 1 && single !== undefined
          ? html`<p>${t.newStatus}: <strong>${this.#targetLabel(i18n, single)}</strong></p>`
          : html`<fieldset ?disabled=${busy || done}>
              <legend>${t.newStatus}</legend>
              ${this.targets.map(
                (id) =>
                  html`<label
                      ><input
                        type="radio"
                        name="target"
                        .value=${String(id)}
                        .checked=${id === this.target}
                        @change=${this.#onTarget}
                      />
                      ${this.#targetLabel(i18n, id)}</label
                    ><br />`,
              )}
            </fieldset>`
      }
      <label for="reason">${t.reason}</label>
      <textarea
        id="reason"
        .value=${this.reason}
        ?readonly=${busy || done}
        required
        aria-invalid=${this.reason !== '' && !valid ? 'true' : 'false'}
        aria-describedby="reason-hint reason-count"
        @input=${this.#onReason}
      ></textarea>
      <p id="reason-hint" class="small">${t.reasonHint}</p>
      <p id="reason-count" class="small">
        ${t.characterCount(i18n.number(length), i18n.number(REASON_MIN_LENGTH), i18n.number(REASON_MAX_LENGTH))}
      </p>
      <p id="status-warning" class="warn" role="note">${t.emailWarning}</p>
      <p
        class="outcome ${this.#changeTask.status === TaskStatus.COMPLETE ? 'done' : ''}"
        role="status"
        tabindex="-1"
      >
        ${this.sent ? this.#outcome(i18n, t) : ''}
      </p>
      ${
        this.sent && this.#retryable()
          ? html`<oc-error-panel
              .error=${toBffError(this.#changeTask.error)}
              .i18n=${i18n}
              @oc-retry=${this.#onRetry}
            ></oc-error-panel>`
          : nothing
      }
      <div class="buttons">
        <button
          type="button"
          class="close"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${this.#onDismiss}
        >
          ${done ? t.close : t.cancel}
        </button>
        ${
          done
            ? nothing
            : html`<button type="submit" class="primary" aria-disabled=${busy || !valid ? 'true' : 'false'}>
                ${t.submit}
              </button>`
        }
      </div>
    </form>`;
  }

  #outcome(i18n: I18n, t: StatusChangeMessages): string {
    return (
      this.#changeTask.render({
        pending: () => t.pending,
        complete: (change) => t.changed(i18n.status(change.status)),
        error: (raw) => {
          const error = toBffError(raw);
          if (error.code === 'order_changed' && error.currentStatus) {
            return t.changedMeanwhile(i18n.status(error.currentStatus));
          }
          return isRefusal(error) ? `${t.refused} ${i18n.error(error.code) ?? ''}` : '';
        },
      }) ?? ''
    );
  }

  /** An error a Retry can help with (BigCommerce down, the network): the error panel offers it. */
  #retryable(): boolean {
    return this.#changeTask.status === TaskStatus.ERROR && !isRefusal(toBffError(this.#changeTask.error));
  }

  #messages(i18n: I18n): StatusChangeMessages {
    return STATUS_CHANGE_MESSAGES[i18n.language] ?? STATUS_CHANGE_MESSAGES.en!;
  }

  #targetLabel(i18n: I18n, id: number): string {
    // The market names targets by id; our words for BigCommerce's statuses (the merchant's label comes back
    // with the answer).
    return i18n.t.statusNames[id] ?? `#${id}`;
  }

  #allowedFrom(statusId: number): number[] {
    return allowedTargets(this.session?.statusChanges ?? [], statusId);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #focusOutcome(): Promise<void> {
    // Called from the task's callbacks, before the task settles and asks for the render that shows the outcome.
    await Promise.resolve();
    await this.updateComplete;
    if (this.#retryable()) await this.renderRoot.querySelector('oc-error-panel')?.focusRetry();
    else this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  /** The same change again, with the same key: the BFF answers or finishes it, never writes it twice. */
  #send(): void {
    const { order, from } = this;
    if (!order || !from || !this.#idempotencyKey) return;
    this.sent = true;
    void this.#changeTask.run([order.id, this.target, from.id, this.reason.trim(), this.#idempotencyKey]);
  }

  readonly #onOpen = async (): Promise<void> => {
    const { order } = this;
    if (!order) return;
    this.from = order.status;
    this.targets = this.#allowedFrom(order.status.id);
    this.target = this.targets[0] ?? 0;
    this.reason = '';
    this.sent = false;
    this.#idempotencyKey = null;
    this.#stale = false;
    await this.updateComplete;
    this.#dialog?.showModal();
    this.renderRoot.querySelector('textarea')?.focus();
  };

  readonly #onTarget = (event: Event): void => {
    this.target = Number((event.target as HTMLInputElement).value);
    this.#idempotencyKey = null;
  };

  readonly #onReason = (event: InputEvent): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    // Another reason is another change: it gets its own key.
    if (value !== this.reason) this.#idempotencyKey = null;
    this.reason = value;
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const length = countCharacters(this.reason.trim());
    if (
      this.#changeTask.status === TaskStatus.PENDING ||
      length < REASON_MIN_LENGTH ||
      length > REASON_MAX_LENGTH
    )
      return;
    this.#idempotencyKey ??= createIdempotencyKey();
    this.#send();
  };

  readonly #onRetry = (): void => {
    this.#send();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
  };

  readonly #onDismiss = (): void => {
    if (this.#changeTask.status !== TaskStatus.PENDING) this.#dialog?.close();
  };

  readonly #onCancel = (event: Event): void => {
    // Escape while BigCommerce is being asked: the answer must be seen (the change may land).
    if (this.#changeTask.status === TaskStatus.PENDING) event.preventDefault();
  };

  readonly #onClose = async (): Promise<void> => {
    // Closed while BigCommerce was being asked (a browser may not let Escape be refused): the order behind is
    // only known to be current once the answer is in.
    if (this.#changeTask.status === TaskStatus.PENDING)
      await this.#changeTask.taskComplete.catch(() => undefined);
    const stale = this.#stale;
    this.from = null;
    await this.updateComplete;
    this.dispatchEvent(new OcStatusCloseEvent(stale));
    // Back where the agent started; after a change the order context reloads the order and focuses it.
    if (!stale) this.renderRoot.querySelector<HTMLElement>('button.open')?.focus();
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    // The dialog is modal: Escape closes it (the browser does that), and the widget's keys (Escape back to the
    // list, N for a note) must not act on the order behind it.
    event.stopPropagation();
  };
}

customElements.define('oc-status-change', OcStatusChange);

declare global {
  interface HTMLElementTagNameMap {
    'oc-status-change': OcStatusChange;
  }
}
