/**
 * Scan throughput (and, with --memory, peak memory on a large input), end to end through the built CLI:
 * `node dist/cli/index.js scan` on the MTSamples export, with 1 and 2 worker threads.
 *
 *   npx tsx bench/scan.ts                 # throughput on MTSamples (needs `npm run build` first)
 *   npx tsx bench/scan.ts --memory        # also: 200,000-note JSONL, peak RSS via /usr/bin/time -v
 *   npx tsx bench/scan.ts --memory 50000  # a smaller large input
 *   npx tsx bench/scan.ts --scaling 20000 # --jobs 1 against --jobs 2 on a 20,000-note JSONL (default 200,000)
 *   npm run bench:scan                    # the same on the 200,000-note JSONL, alone
 *
 * bench/run.ts calls benchScan() and prints what it returns.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MTSAMPLES_CSV, SHARED_ENV, shownPath } from "./lib/external.js";
import { corpusNotes, mtsamplesNotes } from "./lib/inputs.js";
import { coresAvailable } from "./lib/cores.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli/index.js");
const MTSAMPLES = MTSAMPLES_CSV;
const TIME = "/usr/bin/time";

interface Measured {
  seconds: number;
  rows: number;
  checked: number;
  maxRssMb: number | null;
  /** User + system CPU seconds of the whole process (all threads), from /usr/bin/time -v. */
  cpuSeconds: number | null;
  summary: string;
}

/** Runs one scan through the CLI, under /usr/bin/time -v when it exists (peak RSS of the whole process). */
function runScan(args: string[]): Measured {
  const useTime = existsSync(TIME);
  const cmd = useTime ? TIME : process.execPath;
  const argv = useTime ? ["-v", process.execPath, CLI, "scan", ...args] : [CLI, "scan", ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const summary = (r.stderr.split("\n").find((l) => l.startsWith("cdicheck scan:")) ?? "").trim();
  const m = /: (\d+) notes, (\d+) checked/.exec(summary);
  if (!m || (r.status !== 0 && r.status !== 3)) throw new Error(`scan failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpuSeconds = user && sys ? Number(user[1]) + Number(sys[1]) : null;
  return { seconds, rows: Number(m[1]), checked: Number(m[2]), maxRssMb: rss ? Number(rss[1]) / 1024 : null, cpuSeconds, summary };
}

function machine(): string {
  return `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), Node ${process.version}`;
}

export async function benchScan(): Promise<string> {
  if (!existsSync(CLI)) throw new Error("dist/cli/index.js is missing: run `npm run build` first");
  if (!existsSync(MTSAMPLES)) return `scan: skipped (${shownPath(MTSAMPLES)} not found; set ${SHARED_ENV})\n`;
  const dir = mkdtempSync(join(tmpdir(), "cdicheck-bench-scan-"));
  const lines = [`scan throughput: MTSamples CSV (4,999 rows, 4,966 non-empty notes, 15.2 M chars), ${machine()}`];
  try {
    // The default sizes the workers to the input (one per 32 MB, at most the cores); the forced counts show
    // what each would do. Runs of a configuration are interleaved with the others, so a slow spell of a
    // shared machine does not land on one configuration only.
    const configs: [string, string[]][] = [
      ["default --jobs", []],
      ["--jobs 1", ["--jobs", "1"]],
      ["--jobs 2", ["--jobs", "2"]],
    ];
    const runs = new Map<string, Measured[]>(configs.map(([name]) => [name, []]));
    for (let round = 0; round < 3; round++) {
      for (const [name, extra] of configs) runs.get(name)!.push(runScan([MTSAMPLES, "--out", join(dir, "out.jsonl"), "--quiet", ...extra]));
    }
    for (const [name] of configs) {
      const sorted = [...runs.get(name)!].sort((a, b) => a.seconds - b.seconds);
      const best = sorted[0]!;
      const median = sorted[1]!;
      const workers = /(\d+) workers?/.exec(best.summary)?.[1] ?? "?";
      lines.push(
        `  ${name.padEnd(15)} (${workers} worker${workers === "1" ? "" : "s"}): ${best.checked} notes, median of 3 ${median.seconds.toFixed(2)} s = ${Math.round(best.checked / median.seconds)} notes/s, ` +
          `best ${best.seconds.toFixed(2)} s = ${Math.round(best.checked / best.seconds)} notes/s (wall, process start included)` +
          (best.maxRssMb !== null ? `, peak RSS ${best.maxRssMb.toFixed(0)} MB` : ""),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join("\n") + "\n";
}

/**
 * Writes a JSONL of n notes, streaming: the MTSamples transcriptions and the corpus notes (corpus/notes,
 * dense with findings, so the verb pass and the other slow paths run too) interleaved, one corpus note after
 * every 30 MTSamples ones, cycled (ids mt-0..). Without MTSamples, the corpus notes alone.
 */
export async function makeLargeJsonl(path: string, n: number): Promise<number> {
  const mt = mtsamplesNotes();
  const corpus = corpusNotes();
  const texts: string[] = [];
  for (let i = 0, c = 0; i < mt.length; i++) {
    texts.push(mt[i]!);
    if (i % 30 === 29 && c < corpus.length) texts.push(corpus[c++]!);
  }
  if (texts.length === 0) texts.push(...corpus);
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) {
    if (!out.write(JSON.stringify({ id: `mt-${i}`, text: texts[i % texts.length] }) + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return statSync(path).size;
}

/**
 * Scaling on a large JSONL: the same n-note input scanned with --jobs 1 and --jobs 2, 3 of each, the order
 * alternating by round; notes/s (wall, process start included) as the median of 3, the ratio of the medians,
 * peak RSS, the CPU seconds each run used (all threads: what the machine gave it, over the wall time), and
 * before each pair of runs a probe of the cores the machine gave two busy threads then (bench/lib/cores.ts):
 * on a shared machine the ratio cannot exceed what the probe shows. The 200,000-note default takes minutes
 * per run; pass a smaller n to try it.
 */
export async function benchScanScaling(n = 200_000, rounds = 3): Promise<string> {
  if (!existsSync(CLI)) throw new Error("dist/cli/index.js is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "cdicheck-bench-scale-"));
  try {
    const input = join(dir, `notes-${n}.jsonl`);
    const bytes = await makeLargeJsonl(input, n);
    const runs: Record<"1" | "2", Measured[]> = { "1": [], "2": [] };
    const probes: number[] = [];
    const load0 = loadavg().map((x) => x.toFixed(1)).join(" ");
    for (let r = 0; r < rounds; r++) {
      probes.push((await coresAvailable()).ratio);
      for (const j of r % 2 === 0 ? (["1", "2"] as const) : (["2", "1"] as const)) runs[j].push(runScan([input, "--out", join(dir, "out.jsonl"), "--quiet", "--jobs", j]));
    }
    const load1 = loadavg().map((x) => x.toFixed(1)).join(" ");
    const median = (ms: Measured[]): Measured => [...ms].sort((a, b) => a.seconds - b.seconds)[ms.length >> 1]!;
    const m1 = median(runs["1"]);
    const m2 = median(runs["2"]);
    const rate = (m: Measured): number => Math.round(m.checked / m.seconds);
    const rss = (ms: Measured[]): string => (ms[0]!.maxRssMb === null ? "not measured" : `${Math.max(...ms.map((m) => m.maxRssMb!)).toFixed(0)} MB`);
    const cpu = (m: Measured): string => (m.cpuSeconds === null ? "" : `, CPU ${m.cpuSeconds.toFixed(1)} s = ${(m.cpuSeconds / m.seconds).toFixed(2)} cores busy`);
    const all = (ms: Measured[]): string => ms.map((m) => Math.round(m.checked / m.seconds)).join(" / ");
    return (
      `scan scaling: ${n.toLocaleString("en")}-note JSONL (${(bytes / 1e6).toFixed(0)} MB, MTSamples + corpus notes cycled), ${machine()}, median of ${rounds}, load average ${load0} -> ${load1}\n` +
      `  cores the machine gave two busy threads just before each round (2.00 = two free cores): ${probes.map((p) => p.toFixed(2)).join(" / ")}\n` +
      `  --jobs 1: ${rate(m1)} notes/s (${m1.seconds.toFixed(1)} s${cpu(m1)}; runs ${all(runs["1"])}), peak RSS ${rss(runs["1"])}\n` +
      `  --jobs 2: ${rate(m2)} notes/s (${m2.seconds.toFixed(1)} s${cpu(m2)}; runs ${all(runs["2"])}), peak RSS ${rss(runs["2"])}\n` +
      `  --jobs 2 / --jobs 1: ${(rate(m2) / rate(m1)).toFixed(2)}x\n`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchScanMemory(n = 200_000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "cdicheck-bench-mem-"));
  try {
    const input = join(dir, `notes-${n}.jsonl`);
    const bytes = await makeLargeJsonl(input, n);
    const m = runScan([input, "--out", join(dir, "out.jsonl"), "--quiet"]);
    const outBytes = statSync(join(dir, "out.jsonl")).size;
    return (
      `scan memory: ${n.toLocaleString("en")}-note JSONL (${(bytes / 1e6).toFixed(0)} MB, MTSamples texts cycled), default --jobs, ${machine()}\n` +
      `  ${m.checked} notes in ${m.seconds.toFixed(1)} s = ${Math.round(m.checked / m.seconds)} notes/s; output ${(outBytes / 1e6).toFixed(0)} MB; ` +
      `peak RSS ${m.maxRssMb !== null ? `${m.maxRssMb.toFixed(0)} MB (/usr/bin/time -v, main thread + workers: one process)` : "not measured (/usr/bin/time missing)"}\n`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(await benchScan());
  const i = process.argv.indexOf("--memory");
  if (i >= 0) {
    const n = Number(process.argv[i + 1]);
    process.stdout.write(await benchScanMemory(Number.isInteger(n) && n > 0 ? n : 200_000));
  }
  const k = process.argv.indexOf("--scaling");
  if (k >= 0) {
    const n = Number(process.argv[k + 1]);
    process.stdout.write(await benchScanScaling(Number.isInteger(n) && n > 0 ? n : 200_000));
  }
}
