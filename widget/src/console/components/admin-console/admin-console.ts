import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type {
  AdminAction,
  AdminErrorsResponse,
  AdminStatusResponse,
  StoreState,
} from '../../../../../shared/admin.js';
import { baseStyles } from '../../../styles/base.styles.js';
import {
  AdminClientError,
  createAdminClient,
  type AdminClient,
  type ErrorQuery,
} from '../../admin-client.js';
import type { OcAdminActionEvent } from '../../events/admin-action-event.js';
import type { OcErrorSearchEvent } from '../../events/error-search-event.js';
import type { OcTokenSubmitEvent } from '../../events/token-submit-event.js';
import { formatTime } from '../../format.js';
import { createTokenStore, takePrefilledToken, type TokenStore } from '../../token-store.js';
import type { ActionResult } from '../store-card/store-card.js';
import { adminConsoleStyles } from './admin-console.styles.js';
import '../error-log/error-log.js';
import '../store-card/store-card.js';
import '../token-form/token-form.js';

/** The console's script is served at `<bff>/admin/admin.js`: the BFF is one folder up, the page is beside it. */
const CONSOLE_URL = new URL(/* @vite-ignore */ './', import.meta.url);
const BFF_BASE = new URL(/* @vite-ignore */ '../', import.meta.url).href;

export const REFRESH_MS = 10_000;

const STATE_WORD: Record<StoreState, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  failing: 'failing',
};

function describeFailure(error: unknown): string {
  if (error instanceof AdminClientError) {
    const id = error.correlationId ? ` (correlation ID ${error.correlationId})` : '';
    return `${error.message}${id}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * @summary The operations console: asks once for the admin token, then shows every store's state with its
 *   reasons, charts, figures and actions, refreshed every 10 seconds in place, and the error log.
 */
export class OcAdminConsole extends LitElement {
  static override styles = [baseStyles, adminConsoleStyles];
  static override properties = {
    client: { attribute: false },
    tokens: { attribute: false },
    refreshMs: { attribute: false },
    token: { state: true },
    refusal: { state: true },
    tick: { state: true },
    status: { state: true },
    refreshFailure: { state: true },
    busy: { state: true },
    results: { state: true },
    errorQuery: { state: true },
    announcement: { state: true },
  };

  /** Injected in tests; otherwise talks to the BFF that served the script. */
  client: AdminClient = createAdminClient({ baseUrl: BFF_BASE });
  tokens: TokenStore = createTokenStore();
  refreshMs = REFRESH_MS;

  private token: string | null = null;
  private refusal = '';
  private tick = 0;
  /** The last status that arrived: kept on screen while the next one loads or fails, so nothing flickers. */
  private status: AdminStatusResponse | null = null;
  private refreshFailure = '';
  private busy: { store: string; action: AdminAction } | null = null;
  private results: Readonly<Record<string, ActionResult>> = {};
  private errorQuery: ErrorQuery = {};
  /** Said by the live region when a store's state changes between two refreshes. */
  private announcement = '';

  #timer: ReturnType<typeof setInterval> | null = null;
  #focusHeading = false;

  readonly #statusTask = new Task(this, {
    task: async ([token], { signal }) => (token ? this.client.status(token, signal) : initialState),
    args: () => [this.token, this.tick] as const,
    onComplete: (status) => this.#received(status),
    onError: (error) => this.#failed(error),
  });

  readonly #errorsTask = new Task(this, {
    task: async ([token, query], { signal }): Promise<AdminErrorsResponse | typeof initialState> =>
      token ? this.client.errors(token, query, signal) : initialState,
    // The latest entries follow the refreshes; a search stays as it was until the operator searches again.
    args: () => [this.token, this.errorQuery, this.errorQuery.correlationId ? 0 : this.tick] as const,
    onError: (error) => {
      if (error instanceof AdminClientError && error.refusesToken) this.#refuse(error);
    },
  });

  readonly #actionTask = new Task(this, {
    autoRun: false,
    task: async ([token, store, action]: readonly [string, string, AdminAction], { signal }) =>
      this.client.runAction(token, store, action, signal),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.token = takePrefilledToken(this.tokens, CONSOLE_URL) ?? this.tokens.read();
    this.#timer = setInterval(() => {
      // A tab in the background asks nothing; it catches up when it is looked at again.
      if (this.token && !document.hidden && this.#statusTask.status !== TaskStatus.PENDING) this.tick += 1;
    }, this.refreshMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearInterval(this.#timer);
  }

  protected override updated(): void {
    if (this.#focusHeading && this.status) {
      this.#focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  override render() {
    if (!this.token) {
      return html`<oc-token-form .refusal=${this.refusal} @oc-token-submit=${this.#onToken}></oc-token-form>`;
    }
    const { status } = this;
    return html`<main>
      <div class="top">
        <h1 tabindex="-1">Operations console</h1>
        ${status?.sandbox ? html`<span class="sandbox">Sandbox</span>` : nothing}
        <p class="updated">
          ${status ? `Updated ${formatTime(status.generatedAt)} · refreshes every ${this.refreshMs / 1000} s` : 'Loading…'}
        </p>
        <button type="button" @click=${this.#signOut}>Forget the token</button>
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${status ? html`<p class="summary">${this.#summary(status)}</p>` : nothing}
      ${
        this.refreshFailure
          ? html`<p class="banner" role="alert">
              Could not refresh:
              ${this.refreshFailure}${status ? ` Showing ${formatTime(status.generatedAt)}.` : ''}
            </p>`
          : nothing
      }
      ${
        status
          ? html`<div class="stores" @oc-admin-action=${this.#onAction}>
              ${repeat(
                status.stores,
                (store) => store.key,
                (store) =>
                  html`<oc-store-card
                    .store=${store}
                    now=${status.generatedAt}
                    .busy=${this.busy?.store === store.key ? this.busy.action : null}
                    .result=${this.results[store.key] ?? null}
                  ></oc-store-card>`,
              )}
            </div>`
          : nothing
      }
      <oc-error-log
        .stores=${status?.stores.map((store) => ({ key: store.key, label: store.label })) ?? []}
        .entries=${this.#errorsTask.value?.entries ?? null}
        ?loading=${this.#errorsTask.status === TaskStatus.PENDING}
        .failure=${this.#errorsTask.error ? `The error log could not be read: ${describeFailure(this.#errorsTask.error)}` : ''}
        .searched=${this.errorQuery.correlationId ?? ''}
        @oc-error-search=${this.#onSearch}
      ></oc-error-log>
    </main>`;
  }

  #summary(status: AdminStatusResponse): string {
    const counts = new Map<StoreState, number>();
    for (const store of status.stores) counts.set(store.state, (counts.get(store.state) ?? 0) + 1);
    const parts = (['failing', 'degraded', 'healthy'] as const)
      .filter((state) => counts.has(state))
      .map((state) => `${counts.get(state)} ${STATE_WORD[state]}`);
    return `${status.stores.length} ${status.stores.length === 1 ? 'store' : 'stores'}: ${parts.join(', ')}.`;
  }

  #received(status: AdminStatusResponse): void {
    const before = this.status;
    if (before) {
      const changed = status.stores.filter(
        (store) => before.stores.find((old) => old.key === store.key)?.state !== store.state,
      );
      if (changed.length > 0) {
        this.announcement = changed
          .map((store) => `${store.label} is now ${STATE_WORD[store.state]}. ${store.reasons[0]?.text ?? ''}`)
          .join(' ');
      }
    }
    this.status = status;
    this.refreshFailure = '';
  }

  #failed(error: unknown): void {
    if (error instanceof AdminClientError && error.refusesToken) {
      this.#refuse(error);
      return;
    }
    this.refreshFailure = describeFailure(error);
  }

  #refuse(error: AdminClientError): void {
    this.tokens.forget();
    this.token = null;
    this.status = null;
    this.refusal =
      error.status === 401
        ? 'The token is missing; enter it again.'
        : 'That is not the admin token; try again.';
  }

  readonly #onToken = (event: OcTokenSubmitEvent): void => {
    this.tokens.save(event.token);
    this.refusal = '';
    this.token = event.token;
    this.#focusHeading = true;
  };

  readonly #signOut = (): void => {
    this.tokens.forget();
    this.token = null;
    this.status = null;
    this.refusal = '';
  };

  readonly #onSearch = (event: OcErrorSearchEvent): void => {
    this.errorQuery = {
      ...(event.correlationId ? { correlationId: event.correlationId } : {}),
      ...(event.store ? { store: event.store } : {}),
    };
    // The same query again still means "look again".
    void this.#errorsTask.run();
  };

  readonly #onAction = async (event: OcAdminActionEvent): Promise<void> => {
    const { token } = this;
    if (!token || this.busy) return;
    const { store, action } = event;
    this.busy = { store, action };
    let result: ActionResult;
    try {
      await this.#actionTask.run([token, store, action]);
      const answer = await this.#actionTask.taskComplete;
      result = { action, ok: true, message: answer.message };
    } catch (error) {
      if (error instanceof AdminClientError && error.refusesToken) {
        this.#refuse(error);
        return;
      } else result = { action, ok: false, message: describeFailure(error) };
    } finally {
      this.busy = null;
    }
    this.results = { ...this.results, [store]: result };
    // What the action changed, and its audit entry in the latest entries, show at once.
    this.tick += 1;
  };
}

customElements.define('oc-admin-console', OcAdminConsole);

declare global {
  interface HTMLElementTagNameMap {
    'oc-admin-console': OcAdminConsole;
  }
}
