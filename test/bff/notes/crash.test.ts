// Nothing lost, nothing twice, with real processes: the BFF runs as a child process (`node bff/src/server.ts`
// through tsx), the BigCommerce sandbox in this process, and the child is killed with SIGKILL at the worst
// moments of a note's write. A second process on the same DATA_DIR must be refused while the first runs.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killBffProcess, startBffProcess } from '../../../scripts/bff-process.js';
import { signEmbedToken } from '../../../bff/src/auth/sign-embed-token.js';
import { containsNoteRef } from '../../../bff/src/notes/staff-notes-format.js';
import { SANDBOX_PERSONAS, startSandbox, type Sandbox } from '../../../bff/src/sandbox/index.js';
import { DATABASE_FILE, openSqliteStore } from '../../../bff/src/store/index.js';
import { countRef } from './notes-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVER = path.join(ROOT, 'bff/src/server.ts');
const EMBED_SECRET = 'crash-test-embed-secret-0123456789abcdef';
const personas = SANDBOX_PERSONAS.sbx1eu;

interface Child {
  process: ChildProcess;
  url: string;
  output(): string;
}

function environment(sandbox: Sandbox, dataDir: string, configFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: '0',
    CONFIG_FILE: configFile,
    BC_TOKEN_EU: 'sandbox-token-eu',
    EMBED_SECRET,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // A lease of 2 s: after a crash the note is taken up again within seconds, not minutes.
    NOTE_ATTEMPT_TIMEOUT_SECONDS: '1',
  };
}

const startChild = (env: NodeJS.ProcessEnv): Promise<Child> => startBffProcess(env);

/** Runs a child that is expected to refuse to start; resolves with its exit code and output. */
function runToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], { cwd: ROOT, env, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const kill = killBffProcess;

async function openSession(url: string, ticket: string): Promise<string> {
  const token = await signEmbedToken(
    {
      agent: 'crash.agent',
      ticket,
      customer: String(personas.registered.customerId),
      scope: 'orders:read notes:write',
    },
    { secret: EMBED_SECRET, audience: 'order-context', ttlSec: 300 },
  );
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { session: string }).session;
}

function postNote(url: string, session: string, orderId: number, key: string, text: string) {
  return fetch(`${url}/api/v1/orders/${orderId}/notes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${session}`,
      'idempotency-key': key,
    },
    body: JSON.stringify({ text }),
  });
}

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('a BFF process killed in the middle of writing a note', () => {
  let sandbox: Sandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const children: Child[] = [];

  before(async () => {
    sandbox = await startSandbox({ quota: 1_000_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-crash-'));
    const configFile = path.join(dir, 'stores.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        stores: { eu: { hash: 'sbx1eu', tokenEnv: 'BC_TOKEN_EU', apiUrl: sandbox.url } },
        markets: { de: { store: 'eu', permissions: ['orders:read', 'notes:write'] } },
      }),
    );
    env = environment(sandbox, path.join(dir, 'data'), configFile);
  });

  after(async () => {
    for (const child of children) await kill(child);
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<Child> {
    const child = await startChild(env);
    children.push(child);
    return child;
  }

  /**
   * Posts a note while `fault` holds the write at one step, kills the process the moment the sandbox sees the
   * step's request, restarts on the same DATA_DIR and waits for the note to be written by the new process.
   */
  async function crashAt(step: { ticket: string; orderId: number; method: 'GET' | 'PUT'; applied: boolean }) {
    const first = await start();
    const session = await openSession(first.url, step.ticket);
    // The agent looks at the order first (as the widget does): its owner is then known to the process.
    const detail = await fetch(`${first.url}/api/v1/orders/${step.orderId}`, {
      headers: { authorization: `Bearer ${session}` },
    });
    assert.equal(detail.status, 200);
    const before = sandbox.store('sbx1eu').data.getOrder(step.orderId)?.staff_notes ?? '';
    const seen = sandbox.requests.length;
    const fault = sandbox.faults.add({
      method: step.method,
      path: `/v2/orders/${step.orderId}`,
      hangRate: 1,
      applyAfterWrite: step.applied,
    });

    const key = `crash-${step.ticket}`;
    const text = `Written once, whatever happens (${step.ticket}).`;
    void postNote(first.url, session, step.orderId, key, text).catch(() => undefined);
    await waitFor(
      () =>
        sandbox.requests
          .slice(seen)
          .some((r) => r.method === step.method && r.path.startsWith(`/v2/orders/${step.orderId}`)),
      `the ${step.method} is in flight`,
    );
    await kill(first);
    sandbox.faults.remove(fault);
    // The killed process had accepted the note: it is in the outbox, queued, not yet known as written.
    const outbox = openSqliteStore(path.join(String(env.DATA_DIR), DATABASE_FILE), { readonly: true });
    const accepted = await outbox.repos.noteOutbox.findByKey(step.ticket, 'crash.agent', key);
    await outbox.close();
    assert.equal(accepted?.status, 'queued');

    const second = await start();
    const again = await openSession(second.url, step.ticket);
    let ref = '';
    await waitFor(async () => {
      const replay = await postNote(second.url, again, step.orderId, key, text);
      const body = (await replay.json()) as { ref?: string; status?: string };
      ref = body.ref ?? '';
      return replay.status === 201 && body.status === 'written';
    }, 'the restarted process wrote the note');
    await kill(second);

    const after = sandbox.store('sbx1eu').data.getOrder(step.orderId)?.staff_notes ?? '';
    assert.equal(countRef(after, ref), 1, 'the note is in staff_notes exactly once');
    assert.ok(after.startsWith(before), 'what was there before is kept');
    assert.ok(containsNoteRef(after, ref));
  }

  it('before its PUT (killed while reading the order): written once by the next process', async () => {
    await crashAt({
      ticket: 'T-CRASH-READ',
      orderId: personas.orders.shippedWithTracking,
      method: 'GET',
      applied: false,
    });
  });

  it('during its PUT, after BigCommerce applied it: found on the re-read, never written twice', async () => {
    await crashAt({
      ticket: 'T-CRASH-PUT',
      orderId: personas.orders.partiallyShipped,
      method: 'PUT',
      applied: true,
    });
  });

  it('refuses a second process on the same DATA_DIR, naming the directory, while the first runs', async () => {
    const first = await start();

    const second = await runToExit(env);

    assert.equal(second.code, 1);
    assert.match(second.output, /Another process is already running on DATA_DIR/);
    assert.ok(second.output.includes(path.resolve(String(env.DATA_DIR))), second.output);
    const health = await fetch(`${first.url}/healthz`);
    assert.equal(health.status, 200, 'the first process is unharmed');
    await kill(first);
  });
});
