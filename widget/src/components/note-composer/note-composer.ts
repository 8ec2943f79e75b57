import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { NOTE_MAX_LENGTH, type NoteResponse } from '../../../../shared/notes.js';
import type { BffClient } from '../../bff-client.js';
import { BffError, createClientError, toBffError } from '../../bff-error.js';
import { OcNoteWrittenEvent } from '../../events/note-written-event.js';
import { createIdempotencyKey } from '../../idempotency-key.js';
import type { I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../styles/base.styles.js';
import { realSleep } from '../../real-sleep.js';
import type { Sleep } from '../../time.js';
import { NOTE_COMPOSER_MESSAGES } from './note-composer.messages.js';
import { noteComposerStyles } from './note-composer.styles.js';
import '../error-panel/error-panel.js';

/** Errors after which polling a queued note is pointless: the session is gone or may not write notes. */
const STOP_POLLING = new Set(['session_invalid', 'session_missing', 'forbidden']);

/** Backoff for re-asking about a queued note: 2 s, 4 s, 8 s … at most 30 s apart. */
function queuedPollDelay(attempt: number): number {
  return Math.min(30_000, 2_000 * 2 ** attempt);
}

/** Characters as a person (and the BFF) counts them: code points, so an emoji is one, not two UTF-16 units. */
function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * @summary Writes a staff note to the order, exactly once: the Idempotency-Key is made when the agent submits
 *   and reused for every retry and for following a queued note until it is written.
 * @event oc-note-written - The note is verified in BigCommerce (bubbles, composed).
 */
export class OcNoteComposer extends LitElement {
  static override styles = [baseStyles, noteComposerStyles];
  static override properties = {
    client: { attribute: false },
    session: { attribute: false },
    orderId: { type: Number, attribute: 'order-id' },
    i18n: { attribute: false },
    sleep: { attribute: false },
    text: { state: true },
    idempotencyKey: { state: true },
    queued: { state: true },
  };

  client: BffClient | null = null;
  session = '';
  orderId = 0;
  i18n: I18n | null = null;
  /** Injected in tests; real timers otherwise. */
  sleep: Sleep | undefined = undefined;

  private text = '';
  /** Set on submit; kept until the note is written or the text changes (then it is a different note). */
  private idempotencyKey: string | null = null;
  /** The last answer that said "queued" in the current submission. */
  private queued: NoteResponse | null = null;

  readonly #noteTask = new Task(this, {
    autoRun: false,
    task: async ([text, key]: readonly [string, string], { signal }) => this.#writeNote(text, key, signal),
    onComplete: (note) => {
      this.text = '';
      this.idempotencyKey = null;
      this.dispatchEvent(new OcNoteWrittenEvent(note));
      // From the button, focus moves to the outcome ("Note written at …"); typing on in the box stays there.
      if (this.shadowRoot?.activeElement !== this.#box) {
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
      }
    },
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The note stays durable in the BFF's outbox; we only stop following it.
    this.#noteTask.abort();
  }

  override render() {
    const { i18n } = this;
    if (!i18n) return nothing;
    const t = NOTE_COMPOSER_MESSAGES[i18n.language] ?? NOTE_COMPOSER_MESSAGES.en!;
    const busy = this.#noteTask.status === TaskStatus.PENDING;
    const length = countCharacters(this.text);
    const over = length > NOTE_MAX_LENGTH;
    const canSend = !busy && !over && this.text.trim().length > 0;
    return html`<form @submit=${this.#onSubmit}>
      <label for="note">${t.noteLabel}</label>
      <textarea
        id="note"
        .value=${this.text}
        ?readonly=${busy}
        aria-invalid=${over ? 'true' : 'false'}
        aria-describedby="hint count"
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <p id="hint" class="small">${t.noteHint}</p>
      <div class="line">
        <p id="count" class="small ${over ? 'over' : ''}">
          ${t.characterCount(i18n.number(length), i18n.number(NOTE_MAX_LENGTH))}${
            over ? html` — ${t.tooLong(i18n.number(length - NOTE_MAX_LENGTH))}` : nothing
          }
        </p>
        <button type="submit" class="primary" aria-disabled=${canSend ? 'false' : 'true'}>
          ${t.sendNote}
        </button>
      </div>
      <p class="outcome ${this.#statusClass()}" role="status" tabindex="-1">${this.#statusText(i18n)}</p>
      ${this.#noteTask.render({
        error: (error) =>
          html`<oc-error-panel
            .error=${toBffError(error)}
            .i18n=${i18n}
            @oc-retry=${this.#onRetry}
          ></oc-error-panel>`,
      })}
    </form>`;
  }

  #statusClass(): string {
    if (this.#noteTask.status === TaskStatus.COMPLETE) return 'written';
    return this.#noteTask.status === TaskStatus.PENDING && this.queued ? 'warn' : '';
  }

  /** "Write a note" and the N key land here. */
  async focusInput(): Promise<void> {
    await this.updateComplete;
    this.#box?.focus();
  }

  get #box(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  #statusText(i18n: I18n): string {
    const t = NOTE_COMPOSER_MESSAGES[i18n.language] ?? NOTE_COMPOSER_MESSAGES.en!;
    return (
      this.#noteTask.render({
        initial: () => '',
        pending: () => (this.queued ? t.noteQueued : t.notePending),
        complete: (note) => t.noteWritten(i18n.time(note.writtenAt ?? note.createdAt)),
        error: () => t.noteFailed,
      }) ?? ''
    );
  }

  async #writeNote(text: string, idempotencyKey: string, signal: AbortSignal): Promise<NoteResponse> {
    const { client, session, orderId } = this;
    if (!client) throw createClientError('internal_error', 'No BFF client.');
    this.queued = null;
    let note = await client.postNote(session, orderId, { text, idempotencyKey }, signal);
    // A queued note is durable on the server; re-POSTing the same key returns its current state
    // without writing twice, so that is how we follow it until BigCommerce has it.
    for (let attempt = 0; note.status === 'queued'; attempt += 1) {
      this.queued = note;
      await (this.sleep ?? realSleep)(queuedPollDelay(attempt), signal);
      try {
        note = await client.postNote(session, orderId, { text, idempotencyKey }, signal);
      } catch (error) {
        if (signal.aborted || (error instanceof BffError && STOP_POLLING.has(error.code))) throw error;
        // A blip while following: the note is safe in the outbox, so keep asking.
      }
    }
    if (note.status === 'failed') {
      throw createClientError(note.errorCode ?? 'internal_error', 'The note could not be written.');
    }
    return note;
  }

  readonly #onInput = (event: InputEvent): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    if (value !== this.text) this.idempotencyKey = null;
    this.text = value;
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.#submit();
    }
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#submit();
  };

  #submit(): void {
    const text = this.text;
    if (
      this.#noteTask.status === TaskStatus.PENDING ||
      !text.trim() ||
      countCharacters(text) > NOTE_MAX_LENGTH
    )
      return;
    this.idempotencyKey ??= createIdempotencyKey();
    void this.#noteTask.run([text, this.idempotencyKey]);
  }

  readonly #onRetry = (): void => {
    // Same text, same key: the BFF answers with the note's state instead of writing it again.
    if (this.idempotencyKey) void this.#noteTask.run([this.text, this.idempotencyKey]);
    // The panel (and its Retry, which has focus) goes away: focus the outcome, which says what happens now.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus());
  };
}

customElements.define('oc-note-composer', OcNoteComposer);

declare global {
  interface HTMLElementTagNameMap {
    'oc-note-composer': OcNoteComposer;
  }
}
