// `npm run webhooks -- list|register|remove` against the BigCommerce sandbox over HTTP: register creates the
// §9 hooks with the secret header (and repairs what was deactivated), list shows them without the secret,
// remove deletes ours and leaves other apps' hooks alone; configuration mistakes say what to fix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runWebhooksCommand } from '../../../bff/src/cli/webhooks.js';
import { startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { HOOK_SCOPES, SECRET_HEADER } from '../../../bff/src/sync/index.js';

const SECRET = 'webhooks-cli-test-secret-0123456789';
const PUBLIC_URL = 'https://bff.example.com';
const DESTINATION = `${PUBLIC_URL}/webhooks/bigcommerce/default`;

describe('npm run webhooks', () => {
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    sandbox = await startSandbox({ quota: 1_000_000 });
    env = {
      BIGCOMMERCE_STORE_HASH: 'sbx1eu',
      BIGCOMMERCE_ACCESS_TOKEN: sandbox.store('sbx1eu').token,
      BIGCOMMERCE_API_URL: sandbox.url,
      BIGCOMMERCE_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL,
      EMBED_SECRET: 'webhooks-cli-test-embed-secret-0123456789',
      LOG_LEVEL: 'silent',
    };
  });
  after(() => sandbox.close());

  const ours = () =>
    sandbox
      .store('sbx1eu')
      .webhooks.list()
      .filter((hook) => hook.destination === DESTINATION);

  it('registers one active hook per scope with the secret header, and repairs a deactivated one', async () => {
    const first = await runWebhooksCommand(['register'], env);
    sandbox.store('sbx1eu').webhooks.deactivate(ours()[0]!.id);
    const second = await runWebhooksCommand(['register'], env);

    assert.match(first.join('\n'), new RegExp(`${HOOK_SCOPES.length} of ${HOOK_SCOPES.length} hooks active`));
    assert.match(second.join('\n'), /\(1 created or repaired\)/);
    assert.deepEqual(
      ours()
        .map((hook) => hook.scope)
        .sort(),
      [...HOOK_SCOPES].sort(),
    );
    for (const hook of ours()) {
      assert.equal(hook.is_active, true);
      assert.equal(hook.headers?.[SECRET_HEADER], SECRET);
    }
  });

  it('lists the hooks, ours marked, without the secret', async () => {
    const lines = await runWebhooksCommand(['list'], env);

    assert.equal(lines.filter((line) => line.endsWith('ours')).length, HOOK_SCOPES.length);
    assert.ok(!lines.join('\n').includes(SECRET));
  });

  it('removes ours and leaves another app’s hook alone', async () => {
    const response = await fetch(`${sandbox.url}/stores/sbx1eu/v3/hooks`, {
      method: 'POST',
      headers: {
        'x-auth-token': sandbox.store('sbx1eu').token,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({
        scope: 'store/order/created',
        destination: 'https://other-app.example/hooks',
        is_active: true,
      }),
    });
    assert.equal(response.status, 200);
    const other = ((await response.json()) as { data: { id: number } }).data;

    const lines = await runWebhooksCommand(['remove'], env);

    assert.match(lines.join('\n'), new RegExp(`removed ${HOOK_SCOPES.length} hook\\(s\\)`));
    assert.deepEqual(ours(), []);
    assert.ok(
      sandbox
        .store('sbx1eu')
        .webhooks.list()
        .some((hook) => hook.id === other.id),
    );
  });

  it('says what to fix: no command, an unknown store, no PUBLIC_URL, sandbox mode', async () => {
    await assert.rejects(runWebhooksCommand([], env), /Usage: npm run webhooks/);
    await assert.rejects(runWebhooksCommand(['list', '--store', 'nope'], env), /Unknown store "nope"/);
    await assert.rejects(
      runWebhooksCommand(['register'], { ...env, PUBLIC_URL: '' }),
      /PUBLIC_URL is not set/,
    );
    await assert.rejects(runWebhooksCommand(['list'], { LOG_LEVEL: 'silent' }), /sandbox mode/);
  });
});
