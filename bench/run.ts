/**
 * npm run bench: every benchmark in turn, with the machine it ran on. Each part is also runnable alone
 * (npx tsx bench/<part>.ts). Figures quoted in the README come from this command.
 */
import { cpus, totalmem } from "node:os";
import { contextRules } from "../src/pipeline/context.js";
import { negexDataPresent, readNegex, runNegex } from "./lib/negex.js";
import { benchPipeline } from "./pipeline.js";

/** The assertion engine alone on the 1,619 NegEx development sentences: first (cold) pass and warm passes. */
async function benchNegex(): Promise<string> {
  if (!negexDataPresent()) return "NegEx data not found (external data folder; set CDICHECK_SHARED): skipped";
  const rows = readNegex();
  const ctx = contextRules();
  let t = performance.now();
  runNegex(rows, ctx);
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    runNegex(rows, ctx);
    warm.push(performance.now() - t);
  }
  const median = warm.sort((a, b) => a - b)[2]!;
  return `${rows.length} sentences: first pass ${cold.toFixed(0)} ms, warm median ${median.toFixed(0)} ms (${Math.round((rows.length / median) * 1000).toLocaleString("en-US")} sentences/s)`;
}

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`cdicheck bench — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);

const parts: [string, () => Promise<string>][] = [
  ["start-up (process start to first result, scan worker warm-up)", async () => (await import("./startup.js")).benchStartup()],
  ["pipeline (single thread)", benchPipeline],
  ["assertion engine on the NegEx sentences", benchNegex],
  ["scan (worker threads)", async () => (await import("./scan.js")).benchScan()],
  // --jobs 1 against --jobs 2 on a large JSONL (NOTES=20000 npm run bench for a shorter run).
  ["scan scaling, 1 and 2 workers", async () => (await import("./scan.js")).benchScanScaling(Number(process.env.NOTES) || 200_000)],
  // Where the scan's CPU goes, by thread (Linux only): main, workers, V8's compiler and GC threads.
  ["scan CPU by thread, 10,000 notes", async () => {
    const { benchThreads } = await import("./threads.js");
    return (await benchThreads(10_000, 1)) + (await benchThreads(10_000, 2));
  }],
  // 3 KB notes made from the samples (dense with findings, ~55 KB answers), then typical notes (MTSamples).
  ["HTTP server load", async () => (await import("./serve.js")).benchServe("samples")],
  ["HTTP server load, MTSamples notes", async () => (await import("./serve.js")).benchServe("mtsamples")],
];

for (const [name, run] of parts) {
  console.log(`\n## ${name}`);
  try {
    console.log(await run());
  } catch (err) {
    console.log(`(skipped: ${(err as Error).message})`);
  }
}
