/**
 * Start-up: process start to first result for `node dist/cli/index.js check samples/01-ra-atlantoaxial-ankylosis.txt`
 * (wall and CPU, user + system, from /usr/bin/time when it exists), a bare `node -e 0` for scale, and a scan
 * worker's warm-up (a worker thread started until its first note's result is back, through the scan's pool).
 * Each figure is the median of several runs; with --against DIR the runs of another checkout (built, e.g. a
 * worktree of main) are interleaved with this one's, so a busy spell of a shared machine hits both alike.
 *
 *   npx tsx bench/startup.ts                     # this checkout (needs `npm run build` first)
 *   npx tsx bench/startup.ts --against ../main   # A/B against another built checkout
 *
 * bench/run.ts calls benchStartup() and prints what it returns.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLE = "samples/01-ra-atlantoaxial-ankylosis.txt";
const TIME = "/usr/bin/time";

interface Run {
  wallMs: number;
  cpuMs: number | null;
}

function timed(argv: string[], cwd: string): Run {
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ["-f", "%U %S", process.execPath, ...argv], { cwd, encoding: "utf8" })
    : spawnSync(process.execPath, argv, { cwd, encoding: "utf8" });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} failed (exit ${r.status}): ${r.stderr.slice(-300)}`);
  const m = useTime ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr) : null;
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function summary(runs: Run[]): string {
  const cpu = runs.every((r) => r.cpuMs !== null) ? `, CPU ${median(runs.map((r) => r.cpuMs!)).toFixed(0)} ms` : "";
  return `wall ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms (min ${Math.min(...runs.map((r) => r.wallMs)).toFixed(0)})${cpu}`;
}

/** Milliseconds from starting a scan worker (through the scan's own pool) to its first note's result, in this process. */
async function workerWarmup(root: string): Promise<number> {
  const { startPool } = (await import(pathToFileURL(join(root, "dist", "scan", "pool.js")).href)) as typeof import("../src/scan/pool.js");
  const text = readFileSync(join(root, SAMPLE), "utf8");
  const t0 = performance.now();
  const pool = startPool(1);
  const [first] = await pool.checkBatch({ code: "M43.21", texts: [text] });
  const ms = performance.now() - t0;
  await pool.close();
  if (!first?.ok) throw new Error("the worker's first note failed");
  return ms;
}

export async function benchStartup(runs = 11, against?: string): Promise<string> {
  const roots = [ROOT, ...(against ? [resolve(against)] : [])];
  for (const r of roots) if (!existsSync(join(r, "dist", "cli", "index.js"))) throw new Error(`${r}: dist/cli/index.js is missing (npm run build)`);
  const load0 = loadavg().map((x) => x.toFixed(1)).join(" ");
  const cli = new Map<string, Run[]>(roots.map((r) => [r, []]));
  const bare: Run[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed(["-e", "0"], ROOT));
    for (const r of roots) cli.get(r)!.push(timed(["dist/cli/index.js", "check", SAMPLE], r));
  }
  const warm = new Map<string, number[]>(roots.map((r) => [r, []]));
  for (let i = 0; i < 5; i++) for (const r of roots) warm.get(r)!.push(await workerWarmup(r));
  const load1 = loadavg().map((x) => x.toFixed(1)).join(" ");
  const lines = [`start-up: median of ${runs} runs${against ? ", interleaved" : ""}; ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), Node ${process.version}, load average ${load0} -> ${load1}`];
  lines.push(`  node -e 0: ${summary(bare)}`);
  for (const r of roots) {
    const name = r === ROOT ? "this checkout" : against!;
    lines.push(`  ${name}: cdicheck check ${SAMPLE}: ${summary(cli.get(r)!)}; scan worker warm-up to first result (median of 5): ${median(warm.get(r)!).toFixed(0)} ms`);
  }
  return lines.join("\n") + "\n";
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const i = process.argv.indexOf("--against");
  process.stdout.write(await benchStartup(11, i >= 0 ? process.argv[i + 1] : undefined));
}
