/**
 * Load test of `cdicheck serve` (loopback only, bounded in time and requests), POST /v1/check with
 * 3 KB notes:
 *
 * - saturation: 16 concurrent clients (autocannon connections) as fast as the server answers, with
 *   /healthz probed about 20 times a second meanwhile; prints checks/s, the checks' p50/p99 and the
 *   probe's p50/p99, and the server's CPU time per check (user + system of the server process, all
 *   threads, from /proc: a figure that does not depend on how many cores the machine gave the run);
 * - open loop: requests sent at a fixed arrival rate (400 and 1,000 checks/s), each on schedule
 *   whether or not earlier ones were answered, latency counted from the scheduled send time (so a
 *   stall of the server is not hidden by the client waiting: no coordinated omission); p50, p99, p99.9.
 *
 * Each run is repeated (BENCH_SERVE_REPEAT, default 3) and the median reported with every run listed.
 * Before each repeat a two-process CPU spin measures how many cores the machine actually gives.
 *
 *   npx tsx bench/serve.ts            (needs `npm run build`: it runs dist/cli/index.js serve)
 *   BENCH_SERVE_WORKERS=1 npx tsx bench/serve.ts   (passes --workers 1 to the server)
 *   BENCH_SERVE_NOTES=mtsamples npx tsx bench/serve.ts   (3 KB slices of MTSamples notes instead of the samples)
 *   BENCH_SERVE_SECONDS=10 BENCH_SERVE_REPEAT=3 BENCH_SERVE_RATES=400,1000
 *   BENCH_SERVE_CLI=<other build>/dist/cli/index.js   (the server of another build, for an A/B)
 *
 * `benchServe()` returns the report as Markdown for bench/run.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { parse } from "csv-parse/sync";
import { Writable } from "node:stream";
import { check } from "../src/index.js";
import { buildApp } from "../src/server/app.js";
import type { Checker } from "../src/server/checker.js";
import { MTSAMPLES_CSV } from "./lib/external.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NOTE_CHARS = 3 * 1024;
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS) || 10;
const REPEAT = Number(process.env.BENCH_SERVE_REPEAT) || 3;
const CONNECTIONS = 16;
const RATES = (process.env.BENCH_SERVE_RATES ?? "400,1000").split(",").map(Number).filter((n) => n > 0);
const MAX_REQUESTS = 100_000;

/** 3 KB notes made from the bundled samples (each sample repeated to the length): findings on every line. */
function sampleNotes(): string[] {
  const dir = ROOT + "samples/";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const s = readFileSync(dir + f, "utf8");
      let t = s;
      while (t.length < NOTE_CHARS) t += "\n" + s;
      return t.slice(0, NOTE_CHARS);
    });
}

/** The first 3 KB of the first 500 MTSamples transcriptions that long (typical notes: few findings). */
function mtsamplesNotes(): string[] {
  if (!existsSync(MTSAMPLES_CSV)) throw new Error("MTSamples not found (external data folder; set CDICHECK_SHARED)");
  const rows = parse(readFileSync(MTSAMPLES_CSV), { columns: true }) as Record<string, string>[];
  return rows
    .map((r) => r.transcription ?? "")
    .filter((t) => t.length >= NOTE_CHARS)
    .slice(0, 500)
    .map((t) => t.slice(0, NOTE_CHARS));
}

interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

async function startServer(): Promise<Server> {
  const extra = process.env.BENCH_SERVE_WORKERS ? ["--workers", process.env.BENCH_SERVE_WORKERS] : [];
  // BENCH_SERVE_CLI: another build's dist/cli/index.js, to compare two versions under the same load.
  const cli = process.env.BENCH_SERVE_CLI || ROOT + "dist/cli/index.js";
  const child: ChildProcess = spawn(process.execPath, [cli, "serve", "--host", "127.0.0.1", "--port", "0", ...extra], {
    env: { ...process.env, CDICHECK_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.resume(); // the request log (one line per request, as in production), discarded
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * CPU seconds (user + system) a process has used so far, every thread, from /proc; NaN elsewhere.
 * With `thread`, that thread's only (the main thread's id is the process id).
 */
function cpuSeconds(pid: number, thread?: number): number {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** How many cores two busy processes get right now: their CPU time over 1 s of wall time (2.0 on an idle 2-core machine). */
async function coresFree(): Promise<number> {
  const spin = "const t=Date.now();let x=0;while(Date.now()-t<1000)x++;const c=process.cpuUsage();process.stdout.write(String((c.user+c.system)/1e6))";
  const one = () =>
    new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", spin], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.on("exit", () => resolve(Number(out)));
    });
  const [a, b] = await Promise.all([one(), one()]);
  return Math.round((a + b) * 100) / 100;
}

/**
 * /healthz about 20 times a second from a worker thread (its own event loop, warmed up before the load
 * starts), so the probe's latencies are not delayed by the load generator's event loop.
 */
const PROBE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = () => new Promise((resolve, reject) => {
  const t0 = performance.now();
  http.get(workerData.url, { agent }, (res) => { res.resume(); res.on("end", () => resolve(performance.now() - t0)); }).on("error", reject);
});
(async () => {
  for (let i = 0; i < 10; i++) await get();
  parentPort.postMessage("ready");
  const times = [];
  const end = Date.now() + workerData.ms;
  while (Date.now() < end) {
    const tick = Date.now();
    times.push(await get());
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tick))));
  }
  parentPort.postMessage(times);
  agent.destroy();
})();
`;

async function startProbe(url: string, seconds: number): Promise<Promise<number[]>> {
  const worker = new Worker(PROBE, { eval: true, workerData: { url: url + "/healthz", ms: seconds * 1000 } });
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const times = new Promise<number[]>((resolve, reject) => {
    worker.on("message", (m: unknown) => (m === "ready" ? ready() : resolve(m as number[])));
    worker.on("error", reject);
  });
  await isReady;
  return times;
}

function percentile(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;

function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Saturation {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  bad: number;
  healthP50: number;
  healthP99: number;
  healthCount: number;
  /** Server CPU (all threads) per answered check, ms. */
  cpuMsPerCheck: number;
  /** The server's main thread (the event loop) alone, per answered check, ms. */
  mainMsPerCheck: number;
  /** The bench process (autocannon and the /healthz probe) per answered check, ms: CPU the server did not get. */
  loadMsPerCheck: number;
  cores: number;
  load1: number;
}

async function saturation(server: Server, bodies: string[], seconds: number, connections: number): Promise<Omit<Saturation, "cores" | "load1">> {
  const health = await startProbe(server.url, seconds);
  const cpu0 = cpuSeconds(server.pid);
  const main0 = cpuSeconds(server.pid, server.pid);
  const load0 = process.cpuUsage();
  const checks = autocannon({
    url: server.url,
    connections,
    duration: seconds,
    maxOverallRequests: MAX_REQUESTS, // with duration: whichever comes first (`amount` would override duration)
    requests: bodies.map((body) => ({ method: "POST" as const, path: "/v1/check", headers: { "content-type": "application/json" }, body })),
  });
  const [c, h] = await Promise.all([checks, health]);
  const cpu = cpuSeconds(server.pid) - cpu0;
  const main = cpuSeconds(server.pid, server.pid) - main0;
  const load = process.cpuUsage(load0);
  return {
    rps: c["2xx"] / (c.duration || seconds),
    total: c["2xx"],
    p50: c.latency.p50,
    p99: c.latency.p99,
    bad: c.non2xx + c.errors + c.timeouts,
    healthP50: r1(percentile(h, 50)),
    healthP99: r1(percentile(h, 99)),
    healthCount: h.length,
    cpuMsPerCheck: r2((cpu * 1000) / Math.max(1, c["2xx"])),
    mainMsPerCheck: r2((main * 1000) / Math.max(1, c["2xx"])),
    loadMsPerCheck: r2((load.user + load.system) / 1000 / Math.max(1, c["2xx"])),
  };
}

interface OpenLoop {
  rate: number;
  sent: number;
  ok: number;
  bad: number;
  achieved: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  cores: number;
  load1: number;
}

/**
 * Open-loop load: request i is due at start + i/rate and is sent then, on any free keep-alive socket
 * (up to 256; beyond that it waits in the agent's queue, and that wait counts). Latency is from the
 * due time to the end of the answer, so a late send (the client's own event loop lagging) counts too.
 */
async function openLoop(url: string, bodies: string[], rate: number, seconds: number): Promise<Omit<OpenLoop, "cores" | "load1">> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const { hostname, port } = new URL(url);
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let bad = 0;
  let sent = 0;
  const payloads = bodies.map((b) => Buffer.from(b));
  const send = (due: number, body: Buffer): Promise<void> =>
    new Promise((resolve) => {
      const req = request(
        { agent, hostname, port, method: "POST", path: "/v1/check", headers: { "content-type": "application/json", "content-length": body.length } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            if (res.statusCode === 200) ok++;
            else bad++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        bad++;
        resolve();
      });
      req.end(body);
    });
  const pending: Promise<void>[] = [];
  const start = performance.now() + 5;
  const t0 = performance.now();
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        pending.push(send(start + (sent * 1000) / rate, payloads[sent % payloads.length]!));
        sent++;
      }
      if (sent >= total) return done();
      const next = start + (sent * 1000) / rate - performance.now();
      setTimeout(tick, Math.max(0, Math.floor(next)));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return {
    rate,
    sent,
    ok,
    bad,
    achieved: ok / elapsed,
    p50: r2(percentile(latencies, 50)),
    p99: r2(percentile(latencies, 99)),
    p999: r2(percentile(latencies, 99.9)),
    max: r2(Math.max(...latencies)),
  };
}

/**
 * The engine alone on the same notes, for comparison: check() plus JSON.stringify (what the server's
 * worker does) in a loop on this thread, after a warm-up; checks/s and CPU ms per check.
 */
function engineAlone(texts: string[], seconds: number): { rate: number; cpuMs: number } {
  for (let i = 0; i < 2000; i++) JSON.stringify(check(texts[i % texts.length]!));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000) JSON.stringify(check(texts[n++ % texts.length]!, { id: `bench-${n}` }));
  const c = process.cpuUsage(c0);
  return { rate: n / ((performance.now() - t0) / 1000), cpuMs: r2((c.user + c.system) / 1000 / n) };
}

/** autocannon in a child process (bodies on stdin), so that the process measured is only the server. */
const LOADER = `
const autocannon = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const { url, seconds, connections, bodies } = JSON.parse(input);
  autocannon({ url, connections, duration: seconds, requests: bodies.map((body) => ({ method: "POST", path: "/v1/check", headers: { "content-type": "application/json" }, body })) })
    .then((r) => process.stdout.write(JSON.stringify({ ok: r["2xx"], bad: r.non2xx + r.errors + r.timeouts, duration: r.duration })));
});
`;

function loadFromChild(url: string, bodies: string[], seconds: number): Promise<{ ok: number; bad: number; duration: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", LOADER, fileURLToPath(import.meta.resolve("autocannon"))], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", () => {
      try {
        resolve(JSON.parse(out) as { ok: number; bad: number; duration: number });
      } catch {
        reject(new Error("load generator failed"));
      }
    });
    child.stdin.end(JSON.stringify({ url, seconds, connections: CONNECTIONS, bodies }));
  });
}

interface Ceiling {
  rps: number;
  cpuMs: number;
  cores: number;
}

/**
 * The event loop's own ceiling: the real app (helmet, the hooks, the body parser, zod, the request log,
 * here to a stream that drops it) in this process, with a checker that answers at once with each note's
 * answer computed beforehand; 16 clients from a child process. Requests/s and this process's CPU per
 * request: what HTTP, fastify and the hand-off cost per check, apart from check() itself.
 */
async function eventLoopCeiling(texts: string[], bodies: string[], seconds: number, repeat: number): Promise<Ceiling[]> {
  const encoder = new TextEncoder();
  const answers = new Map(texts.map((t) => [t, (() => { const r = check(t); return { verdict: r.verdict, json: encoder.encode(JSON.stringify(r)) }; })()]));
  const checker: Checker = {
    maxQueue: Infinity,
    queued: () => 0,
    run: async (task) => answers.get(task.text)!,
    warmUp: async () => {},
    close: async () => {},
  };
  const drop = new Writable({ write: (_chunk, _enc, done) => done() });
  const app = await buildApp({ checker, host: "127.0.0.1", logLevel: "info", logStream: drop, samples: [] });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const runs: Ceiling[] = [];
  try {
    await loadFromChild(url, bodies, 3); // warm-up
    for (let i = 0; i < repeat; i++) {
      const cores = await coresFree();
      const c0 = process.cpuUsage();
      const r = await loadFromChild(url, bodies, seconds);
      const c = process.cpuUsage(c0);
      runs.push({ rps: r.ok / (r.duration || seconds), cpuMs: r2((c.user + c.system) / 1000 / Math.max(1, r.ok)), cores });
    }
  } finally {
    await app.close();
  }
  return runs;
}

export async function benchServe(notes: "samples" | "mtsamples" = process.env.BENCH_SERVE_NOTES === "mtsamples" ? "mtsamples" : "samples"): Promise<string> {
  const which = notes;
  const texts = which === "mtsamples" ? mtsamplesNotes() : sampleNotes();
  const bodies = texts.map((text, i) => JSON.stringify({ id: `bench-${i}`, text }));
  const sat: Saturation[] = [];
  const open = new Map<number, OpenLoop[]>(RATES.map((r) => [r, []]));
  const started = new Date().toISOString();
  const engineCores = await coresFree();
  const engine = engineAlone(texts, 3);
  const ceiling = await eventLoopCeiling(texts, bodies, 5, REPEAT);
  const server = await startServer();
  let idle: number[] = [];
  try {
    // /healthz with no load at all: what this machine's scheduling alone gives the probe.
    idle = await (await startProbe(server.url, 5));
    // Warm-up: 3,000 checks (or 60 s), so that every worker thread has optimized the checker (on a
    // crowded machine V8's compiler threads take several seconds of CPU to get there).
    await autocannon({ url: server.url, connections: CONNECTIONS, amount: 3000, requests: bodies.map((body) => ({ method: "POST" as const, path: "/v1/check", headers: { "content-type": "application/json" }, body })), timeout: 60 });
    for (let i = 0; i < REPEAT; i++) {
      const cores = await coresFree();
      const s = await saturation(server, bodies, SECONDS, CONNECTIONS);
      sat.push({ ...s, cores, load1: loadavg()[0]! });
      for (const rate of RATES) {
        const coresNow = await coresFree();
        const o = await openLoop(server.url, bodies, rate, SECONDS);
        open.get(rate)!.push({ ...o, cores: coresNow, load1: loadavg()[0]! });
      }
    }
  } finally {
    await server.stop();
  }
  const cpu = cpus();
  const satRow = (name: string, r: Saturation) =>
    `| ${name} | ${r.cores.toFixed(2)} | ${r.load1.toFixed(1)} | ${r.total} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.bad} | ${r.healthP50} | ${r.healthP99} | ${r.cpuMsPerCheck} | ${r.mainMsPerCheck} | ${r.loadMsPerCheck} |`;
  const openRow = (name: string, r: OpenLoop) =>
    `| ${name} | ${r.cores.toFixed(2)} | ${r.load1.toFixed(1)} | ${r.sent} | ${r.achieved.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.p999} | ${r.max} | ${r.bad} |`;
  const medSat = medians(sat, { r2: ["cpuMsPerCheck", "mainMsPerCheck", "loadMsPerCheck"] });
  const lines = [
    `### serve: POST /v1/check, ${NOTE_CHARS}-character notes (${which === "samples" ? `${bodies.length} bundled samples, each repeated to the length` : `${bodies.length} MTSamples notes, first ${NOTE_CHARS} characters`})`,
    "",
    `Machine: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "?"}), Node ${process.version}, started ${started}; server and load generator on the same machine, loopback; server default options (request log on, worker threads = ${process.env.BENCH_SERVE_WORKERS ?? "CPU count"}). "cores" = CPU seconds two spinning processes got per second just before the run (2.00 = two free cores); "load" = 1-minute load average after it.`,
    "",
    `Engine alone (check() and JSON.stringify in a loop, one thread of the bench process, same notes, 3 s, cores ${engineCores.toFixed(2)}): ${engine.rate.toFixed(0)} checks/s, ${engine.cpuMs} ms CPU per check. /healthz with no load (5 s, about 20 probes a second): p50 ${r1(percentile(idle, 50))} ms, p99 ${r1(percentile(idle, 99))} ms.`,
    "",
    `The event loop's own ceiling (the app in the bench process with a checker that answers at once with answers computed beforehand, request log dropped; ${CONNECTIONS} clients from a child process, 5 s): ${ceiling.map((c) => `${c.rps.toFixed(0)} requests/s at ${c.cpuMs} ms CPU each (cores ${c.cores.toFixed(2)})`).join("; ")}; median ${median(ceiling.map((c) => c.rps)).toFixed(0)} requests/s, ${r2(median(ceiling.map((c) => c.cpuMs)))} ms CPU per request.`,
    "",
    `Saturation: ${CONNECTIONS} concurrent clients (autocannon), ${SECONDS} s; /healthz probed about 20 times a second meanwhile on its own keep-alive connection; server CPU = user + system time of the server process (all threads) per answered check, event loop = its main thread's alone, load generator = the bench process (autocannon and the probe), CPU the server did not get.`,
    "",
    "| run | cores | load | checks | checks/s | p50 ms | p99 ms | non-2xx/errors | /healthz p50 ms | /healthz p99 ms | server CPU ms/check | event loop CPU ms/check | load generator CPU ms/check |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...sat.map((r, i) => satRow(`${i + 1}`, r)),
    satRow(`**median of ${sat.length}**`, medSat),
    "",
    `Open loop: a fixed arrival rate for ${SECONDS} s, each request sent when due whatever the earlier ones are doing; latency from the scheduled send time.`,
    "",
    "| rate/s | run | cores | load | sent | answered/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx/errors |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [rate, rows] of open) {
    for (const [i, r] of rows.entries()) lines.push(openRow(`${rate} | ${i + 1}`, r));
    const m = medians(rows, { r2: ["p50", "p99", "p999", "max"] });
    lines.push(openRow(`${rate} | **median of ${rows.length}**`, m));
  }
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchServe().then(
    (report) => process.stdout.write(report),
    (err) => {
      process.stderr.write(`bench/serve: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}

/** The median of each numeric field over several runs (the fields in `r2` rounded to two decimals). */
function medians<T extends { [K in keyof T]: number }>(rows: readonly T[], opts: { r2?: readonly (keyof T)[] } = {}): T {
  const out = {} as Record<keyof T, number>;
  for (const key of Object.keys(rows[0]!) as (keyof T)[]) {
    const m = median(rows.map((r) => r[key]));
    out[key] = opts.r2?.includes(key) ? r2(m) : m;
  }
  return out as T;
}
