/**
 * Load test of `cdicheck serve` (loopback only, bounded in time and requests): POST /v1/check with
 * 3 KB notes at full speed and at a fixed 400 requests/s, with /healthz probed during both runs.
 *
 *   npx tsx bench/serve.ts            (needs `npm run build`: it runs dist/cli/index.js serve)
 *   BENCH_SERVE_WORKERS=1 npx tsx bench/serve.ts   (passes --workers 1 to the server)
 *
 * `benchServe()` returns the report as Markdown for bench/run.ts.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NOTE_CHARS = 3 * 1024;
const SECONDS = 10;
const MAX_REQUESTS = 20_000;
const TARGET_RATE = 400;

/** 3 KB notes made from the bundled samples (each sample repeated to the length). */
function notes(): string[] {
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

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const extra = process.env.BENCH_SERVE_WORKERS ? ["--workers", process.env.BENCH_SERVE_WORKERS] : [];
  const child = spawn(process.execPath, [ROOT + "dist/cli/index.js", "serve", "--host", "127.0.0.1", "--port", "0", ...extra], {
    env: { ...process.env, CDICHECK_TOKEN: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.resume(); // the request log (one line per request, as in production), discarded
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * /healthz at 20 requests/s from a worker thread (its own event loop, warmed up before the load
 * starts), so the probe's latencies are not delayed by the load generator.
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

interface Run {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  bad: number;
  healthP99: number;
  healthMax: number;
  healthCount: number;
}

async function load(url: string, bodies: string[], opts: { connections: number; overallRate?: number; seconds: number; amount: number }): Promise<Run> {
  const health = await startProbe(url, opts.seconds);
  const checks = autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    maxOverallRequests: opts.amount, // with duration: whichever comes first (`amount` would override duration)
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: bodies.map((body) => ({ method: "POST" as const, path: "/v1/check", headers: { "content-type": "application/json" }, body })),
  });
  const [c, h] = await Promise.all([checks, health]);
  return {
    rps: c["2xx"] / (c.duration || opts.seconds),
    total: c["2xx"],
    p50: c.latency.p50,
    p99: c.latency.p99,
    max: c.latency.max,
    bad: c.non2xx + c.errors + c.timeouts,
    healthP99: Math.round(percentile(h, 99) * 10) / 10,
    healthMax: Math.round(Math.max(...h) * 10) / 10,
    healthCount: h.length,
  };
}

export async function benchServe(): Promise<string> {
  const bodies = notes().map((text, i) => JSON.stringify({ id: `bench-${i}`, text }));
  const server = await startServer();
  try {
    await load(server.url, bodies, { connections: 4, seconds: 2, amount: 1000 }); // warm-up
    const full = await load(server.url, bodies, { connections: 8, seconds: SECONDS, amount: MAX_REQUESTS });
    const fixed = await load(server.url, bodies, { connections: 8, overallRate: TARGET_RATE, seconds: SECONDS, amount: TARGET_RATE * SECONDS });
    const cpu = cpus();
    const load1 = loadavg()[0]!.toFixed(1);
    const row = (name: string, r: Run) =>
      `| ${name} | ${r.total} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.bad} | ${r.healthP99} | ${r.healthMax} |`;
    return [
      `### serve: POST /v1/check, ${NOTE_CHARS}-character notes (${bodies.length} bundled samples, repeated)`,
      "",
      `Machine: ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "?"}), Node ${process.version}, load average ${load1} when done; server and load generator (autocannon) on the same machine, loopback; server default options (request log on, worker threads = ${process.env.BENCH_SERVE_WORKERS ?? "CPU count"}).`,
      "",
      "| run | checks | checks/s | p50 ms | p99 ms | max ms | non-2xx/errors | /healthz p99 ms | /healthz max ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      row(`full speed, 8 connections, ${SECONDS} s`, full),
      row(`fixed ${TARGET_RATE}/s, 8 connections, ${SECONDS} s`, fixed),
      "",
      `(/healthz probed about 20 times a second on its own keep-alive connection, from a worker thread of the bench process, during each run: ${full.healthCount} and ${fixed.healthCount} probes.)`,
      "",
    ].join("\n");
  } finally {
    await server.stop();
  }
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
