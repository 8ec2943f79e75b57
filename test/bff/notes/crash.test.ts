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
   * Posts notes while `fault` holds the write at one step, kills the process the moment the sandbox sees the
   * step's request, restarts on the same DATA_DIR and waits for every note to be written by the new process.
   * With several notes the order's reads are slowed down, so that all of them are accepted while the first one's
   * attempt reads the order, and go into one PUT.
   */
  async function crashAt(step: {
    ticket: string;
    orderId: number;
    method: 'GET' | 'PUT';
    applied: boolean;
    notes?: number;
  }): Promise<{ before: string; atKill: string }> {
    const count = step.notes ?? 1;
    const first = await start();
    const session = await openSession(first.url, step.ticket);
    // The agent looks at the order first (as the widget does): its owner is then known to the process.
    const detail = await fetch(`${first.url}/api/v1/orders/${step.orderId}`, {
      headers: { authorization: `Bearer ${session}` },
    });
    assert.equal(detail.status, 200);
    const before = sandbox.store('sbx1eu').data.getOrder(step.orderId)?.staff_notes ?? '';
    const seen = sandbox.requests.length;
    const slowReads =
      count > 1
        ? sandbox.faults.add({ method: 'GET', path: `/v2/orders/${step.orderId}`, latencyMs: 500 })
        : undefined;
    const fault = sandbox.faults.add({
      method: step.method,
      path: `/v2/orders/${step.orderId}`,
      hangRate: 1,
      applyAfterWrite: step.applied,
    });

    const notes = Array.from({ length: count }, (_, i) => ({
      key: `crash-${step.ticket}-${i}`,
      text: `Written once, whatever happens (${step.ticket}, note ${i + 1}).`,
    }));
    for (const note of notes) {
      void postNote(first.url, session, step.orderId, note.key, note.text).catch(() => undefined);
    }
    await waitFor(
      () =>
        sandbox.requests
          .slice(seen)
          .some((r) => r.method === step.method && r.path.startsWith(`/v2/orders/${step.orderId}`)),
      `the ${step.method} is in flight`,
    );
    await kill(first);
    sandbox.faults.remove(fault);
    if (slowReads !== undefined) sandbox.faults.remove(slowReads);
    const atKill = sandbox.store('sbx1eu').data.getOrder(step.orderId)?.staff_notes ?? '';
    // The killed process had accepted the notes: they are in the outbox, queued, not yet known as written.
    const outbox = openSqliteStore(path.join(String(env.DATA_DIR), DATABASE_FILE), { readonly: true });
    for (const note of notes) {
      const accepted = await outbox.repos.noteOutbox.findByKey(step.ticket, 'crash.agent', note.key);
      assert.equal(accepted?.status, 'queued', note.key);
    }
    await outbox.close();

    const second = await start();
    const again = await openSession(second.url, step.ticket);
    const refs: string[] = [];
    for (const note of notes) {
      await waitFor(async () => {
        const replay = await postNote(second.url, again, step.orderId, note.key, note.text);
        const body = (await replay.json()) as { ref?: string; status?: string };
        if (replay.status !== 201 || body.status !== 'written') return false;
        refs.push(body.ref ?? '');
        return true;
      }, `the restarted process wrote ${note.key}`);
    }
    await kill(second);

    const after = sandbox.store('sbx1eu').data.getOrder(step.orderId)?.staff_notes ?? '';
    assert.ok(after.startsWith(before), 'what was there before is kept');
    for (const ref of refs) {
      assert.equal(countRef(after, ref), 1, `note ${ref} is in staff_notes exactly once`);
      assert.ok(containsNoteRef(after, ref));
    }
    return { before, atKill };
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

  it('during the PUT that carried three notes of one order, after it was applied: each found, none twice', async () => {
    const { before, atKill } = await crashAt({
      ticket: 'T-CRASH-BATCH',
      orderId: personas.orders.withStaffNotes,
      method: 'PUT',
      applied: true,
      notes: 3,
    });
    // The hung PUT had landed with all three: one update carried the batch, and the restart wrote nothing more.
    for (let i = 1; i <= 3; i += 1) assert.ok(atKill.includes(`T-CRASH-BATCH, note ${i}).`), `note ${i}`);
    assert.ok(atKill.startsWith(before));
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
