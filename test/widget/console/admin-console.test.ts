import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/components/admin-console/admin-console.js';
import type { OcAdminConsole } from '../../../widget/src/console/components/admin-console/admin-console.js';
import { AdminClientError, type AdminClient } from '../../../widget/src/console/admin-client.js';
import { deep, textOf, until } from '../fake-bff.js';
import {
  GENERATED_AT,
  failingEu,
  fakeClient,
  memoryTokens,
  statusOf,
  storeStatus,
} from './console-fixtures.js';

const TOKEN = 'admin-token-0123456789';
const healthy = () => statusOf(storeStatus('eu'), storeStatus('us'));

async function mount(
  client: AdminClient,
  tokens = memoryTokens(),
  refreshMs = 10_000,
): Promise<OcAdminConsole> {
  return fixture<OcAdminConsole>(
    html`<oc-admin-console .client=${client} .tokens=${tokens} .refreshMs=${refreshMs}></oc-admin-console>`,
  );
}

const cards = (el: OcAdminConsole) => [...(el.shadowRoot?.querySelectorAll('oc-store-card') ?? [])];

async function enterToken(el: OcAdminConsole, token: string): Promise<void> {
  await until(() => deep(el, 'oc-token-form', 'input') !== null, 'the token form');
  deep<HTMLInputElement>(el, 'oc-token-form', 'input')!.value = token;
  deep<HTMLButtonElement>(el, 'oc-token-form', 'button[type="submit"]')!.click();
}

describe('oc-admin-console', () => {
  it('asks for the token once, keeps it in the tab’s store, and shows a card per store', async () => {
    const tokens = memoryTokens();
    const { client, calls } = fakeClient({ status: [healthy] });
    const el = await mount(client, tokens);

    await enterToken(el, TOKEN);
    await until(() => cards(el).length === 2, 'two store cards');

    expect(tokens.value).to.equal(TOKEN);
    expect(calls).to.include(`status ${TOKEN}`);
    expect(textOf(el)).to.contain('2 stores: 2 healthy.');
    expect(textOf(el)).to.contain('Updated 09:00:00 UTC · refreshes every 10 s');
  });

  it('starts with a token the tab already holds, without asking', async () => {
    const { client } = fakeClient({ status: [healthy] });
    const el = await mount(client, memoryTokens(TOKEN));

    await until(() => cards(el).length === 2, 'two store cards');
    expect(deep(el, 'oc-token-form')).to.equal(null);
  });

  it('asks again, saying why, when the token is refused, and forgets it', async () => {
    const tokens = memoryTokens('old-token-0123456789');
    const refused = () => {
      throw new AdminClientError({
        code: 'forbidden',
        message: 'This is not the admin token.',
        status: 403,
        correlationId: 'c-1',
      });
    };
    const { client } = fakeClient({ status: [refused], errors: [refused] });
    const el = await mount(client, tokens);

    await until(() => deep(el, 'oc-token-form', '[role="alert"]') !== null, 'the refusal');

    expect(textOf(deep(el, 'oc-token-form', '[role="alert"]'))).to.equal(
      'That is not the admin token; try again.',
    );
    expect(tokens.value).to.equal(null);
  });

  it('refreshes in place: the same cards stay while the next status loads, and a change of state is announced', async () => {
    let release: (() => void) | null = null;
    const { client } = fakeClient({
      status: [
        healthy,
        () => new Promise((resolve) => (release = () => resolve(statusOf(failingEu, storeStatus('us'))))),
      ],
    });
    const el = await mount(client, memoryTokens(TOKEN), 30);
    await until(() => cards(el).length === 2, 'two store cards');
    const [first] = cards(el);

    await until(() => release !== null, 'the next refresh to start');
    expect(cards(el)[0]).to.equal(first, 'nothing is torn down while loading');
    expect(textOf(el)).to.contain('2 stores: 2 healthy.');
    release!();
    await until(() => textOf(el).includes('2 stores: 1 failing, 1 healthy.'), 'the new status');

    expect(cards(el)[0]).to.equal(first, 'the card is updated, not replaced');
    expect(deep(el, 'oc-store-card', '.badge')?.textContent?.trim()).to.equal('Failing');
    expect(deep(el, '[aria-live="polite"]')?.textContent?.trim()).to.equal(
      'Sandbox EU is now failing. BigCommerce did not answer the last 3 calls (HTTP 503).',
    );
  });

  it('keeps the last status on screen when a refresh fails, and says so', async () => {
    const { client } = fakeClient({
      status: [
        healthy,
        () => {
          throw new AdminClientError({
            code: 'network_error',
            message: 'Failed to fetch',
            status: 0,
            correlationId: null,
          });
        },
      ],
    });
    const el = await mount(client, memoryTokens(TOKEN), 30);

    await until(() => deep(el, '.banner') !== null, 'the refresh failure');

    expect(cards(el)).to.have.length(2);
    expect(textOf(deep(el, '.banner'))).to.equal(`Could not refresh: Failed to fetch Showing 09:00:00 UTC.`);
  });

  it('runs an action, says what came of it, and refreshes the status and the error log', async () => {
    const { client, calls } = fakeClient({
      status: [healthy],
      action: [
        () => ({
          action: 'retry-notes',
          store: 'us',
          outcome: 'done',
          message: '2 failed notes queued again; the worker writes them now.',
          at: GENERATED_AT,
          correlationId: 'c-2',
        }),
      ],
    });
    const el = await mount(client, memoryTokens(TOKEN));
    await until(() => cards(el).length === 2, 'two store cards');
    const before = calls.length;

    deep(cards(el)[1]!, '[data-action="retry-notes"]')!.click();
    await until(() => textOf(cards(el)[1]).includes('2 failed notes queued again'), 'the outcome');

    expect(calls[before]).to.equal(`action ${TOKEN} us retry-notes`);
    await until(() => calls.length === before + 3, 'both refreshes');
    expect(calls.slice(before + 1).sort()).to.deep.equal([`errors ${TOKEN} - -`, `status ${TOKEN}`]);
  });

  it('searches the error log by correlation ID and store', async () => {
    const { client, calls } = fakeClient({
      status: [healthy],
      errors: [
        () => ({ entries: [] }),
        () => ({
          entries: [
            {
              id: 7,
              correlationId: 'corr-12345678',
              storeKey: 'eu',
              resource: 'request',
              recordId: 'GET /api/v1/context',
              issues: { code: 'upstream_unavailable' },
              createdAt: GENERATED_AT,
              loadId: null,
            },
          ],
        }),
      ],
    });
    const el = await mount(client, memoryTokens(TOKEN));
    await until(() => cards(el).length === 2, 'two store cards');
    const log = deep(el, 'oc-error-log')!;
    await until(() => deep(log, 'option[value="eu"]') !== null, 'the store filter');

    deep<HTMLInputElement>(log, '#correlation-id')!.value = 'corr-12345678';
    deep<HTMLSelectElement>(log, '#store-filter')!.value = 'eu';
    deep<HTMLButtonElement>(log, 'button[type="submit"]')!.click();
    await until(() => deep(log, 'tr[data-correlation-id="corr-12345678"]') !== null, 'the entry');

    expect(calls).to.include(`errors ${TOKEN} corr-12345678 eu`);
    expect(textOf(deep(log, 'tbody tr'))).to.contain('Failed request GET /api/v1/context');
    expect(textOf(deep(log, '[role="status"]'))).to.equal('1 entry for corr-12345678.');
  });

  it('is accessible asking for the token and with the stores shown', async () => {
    const asking = await mount(fakeClient({ status: [healthy] }).client);
    await until(() => deep(asking, 'oc-token-form', 'input') !== null, 'the token form');
    await expect(asking).to.be.accessible();

    const shown = await mount(
      fakeClient({ status: [() => statusOf(failingEu, storeStatus('us'))] }).client,
      memoryTokens(TOKEN),
    );
    await until(() => cards(shown).length === 2, 'two store cards');
    await expect(shown).to.be.accessible();
  });
});
