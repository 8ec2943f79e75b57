/**
 * npm run measure:start — how long the product takes from process spawn to `GET /healthz` 200, and its resident
 * memory once started (process_resident_memory_bytes from /metrics, 2 s after start), in sandbox mode as
 * `npm start` runs on a fresh clone. Compares the compiled start with running the TypeScript through tsx.
 * Usage: npm run measure:start [-- runs]   (default 7 runs each; run `npm run build` first)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const RUNS = Number(process.argv[2] ?? 7);
const VARIANTS: Record<string, string[]> = {
  'compiled (npm start)': ['--enable-source-maps', 'dist/bff/src/server.js'],
  'TypeScript through tsx (before)': ['--import', 'tsx', 'bff/src/server.ts'],
};

interface Sample {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU time (user + system) the process has used, from /proc (Linux; NaN elsewhere). Unlike wall time it is
 * hardly changed by other work on a shared machine. (prom-client's process_cpu_seconds_total counts only from
 * its own start.)
 */
function readCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return NaN;
  }
}

function readMetric(text: string, name: string): number {
  return Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1]);
}

async function measureOnce(args: string[]): Promise<Sample> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-measure-'));
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"msg":"listening on (http:\/\/[^"]+)"/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    // The log line comes just before the server answers; poll so the figure ends at a real 200.
    while ((await fetch(`${url}/healthz`).catch(() => null))?.status !== 200) await sleep(5);
    const ms = performance.now() - startedAt;
    const cpuMs = readCpuMs(child.pid);
    await sleep(2_000);
    const rss = readMetric(await (await fetch(`${url}/metrics`)).text(), 'process_resident_memory_bytes');
    return { ms, cpuMs, rssMb: rss / 1024 / 1024 };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

console.log(`${RUNS} runs each, Node ${process.version}, ${os.cpus().length} cores, sandbox mode`);
for (const [name, args] of Object.entries(VARIANTS)) {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(await measureOnce(args));
  const describe = (key: keyof Sample, digits: number) => {
    const values = samples.map((sample) => sample[key]);
    const [low, high] = [Math.min(...values), Math.max(...values)].map((value) => value.toFixed(digits));
    return `${median(values).toFixed(digits)} median (${low}–${high})`;
  };
  console.log(
    `${name}: spawn → /healthz 200 ${describe('ms', 0)} ms, CPU by then ${describe('cpuMs', 0)} ms, ` +
      `RSS after 2 s ${describe('rssMb', 1)} MB`,
  );
}
