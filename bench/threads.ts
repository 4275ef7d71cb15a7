/**
 * Where a scan's CPU goes, thread by thread (Linux: /proc/PID/task/TID/stat, sampled every 200 ms while the
 * scan runs, the last sample of each thread kept). The main thread's id is the process id; the scan's worker
 * threads (one per --jobs, each an isolate of its own) are the busiest; V8's platform threads (started with
 * the process before the workers: background compilation of optimized code and parallel GC for every isolate
 * in the process) the busiest of the threads started before them. libuv's file-system threads and other
 * helpers use little and are summed as "other".
 *
 *   npx tsx bench/threads.ts 10000 2                        # a 10,000-note JSONL (MTSamples + corpus notes), --jobs 2
 *   npx tsx bench/threads.ts 10000 2 ../other/dist/cli/index.js   # the same through another built checkout
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { makeLargeJsonl } from "./scan.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli/index.js");
/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const HZ = 100;
/** V8's platform threads in Node 20 (--v8-pool-size, default 4). */
const V8_POOL = 4;

function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(tid), Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

export async function benchThreads(n = 10_000, jobs = 2, cli = CLI): Promise<string> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  if (!existsSync("/proc/self/task")) return "threads: skipped (needs Linux /proc)\n";
  const dir = mkdtempSync(join(tmpdir(), "cdicheck-bench-threads-"));
  try {
    const input = join(dir, "notes.jsonl");
    await makeLargeJsonl(input, n);
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, "scan", input, "--out", join(dir, "out.jsonl"), "--quiet", "--jobs", String(jobs)], { stdio: "ignore" });
    const seen = new Map<number, number>();
    const timer = setInterval(() => {
      for (const [tid, t] of threadTicks(child.pid!)) seen.set(tid, t);
    }, 200);
    await new Promise((r) => child.on("exit", r));
    clearInterval(timer);
    const wall = (performance.now() - t0) / 1000;
    const pid = child.pid!;
    const tids = [...seen.keys()].sort((a, b) => a - b);
    const byCpu = tids.filter((t) => t !== pid).sort((a, b) => seen.get(b)! - seen.get(a)!);
    // The workers check the notes: the busiest threads. V8's pool: the busiest of those started before them.
    const workers = byCpu.slice(0, jobs);
    const firstWorker = Math.min(...workers);
    const v8 = byCpu.filter((t) => !workers.includes(t) && t < firstWorker).slice(0, V8_POOL);
    const rest = byCpu.filter((t) => !workers.includes(t) && !v8.includes(t));
    const sec = (ts: number[]): number => ts.reduce((a, t) => a + seen.get(t)!, 0) / HZ;
    const total = sec(tids);
    const line = (name: string, s: number): string => `  ${name.padEnd(44)} ${s.toFixed(1).padStart(6)} s CPU (${((100 * s) / total).toFixed(0)}%)`;
    return [
      `scan threads: ${n.toLocaleString("en")}-note JSONL, --jobs ${jobs}, wall ${wall.toFixed(1)} s, CPU ${total.toFixed(1)} s (${(total / wall).toFixed(2)} cores busy on average)`,
      line("main thread (read, parse, write)", sec([pid])),
      ...workers.map((t, i) => line(`worker ${i + 1} (checking)`, sec([t]))),
      line(`V8 platform threads (${v8.length}: compilation, GC)`, sec(v8)),
      line("other threads", sec(rest)),
    ].join("\n") + "\n";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const n = Number(process.argv[2]);
  const j = Number(process.argv[3]);
  process.stdout.write(await benchThreads(Number.isInteger(n) && n > 0 ? n : 10_000, Number.isInteger(j) && j > 0 ? j : 2, process.argv[4] ? resolve(process.argv[4]) : CLI));
}
