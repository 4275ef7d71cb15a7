/**
 * npm run bench: every benchmark in turn, with the machine it ran on. Each part is also runnable alone
 * (npx tsx bench/<part>.ts). Figures quoted in the README come from this command.
 */
import { cpus, totalmem } from "node:os";
import { benchPipeline } from "./pipeline.js";

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(`cdicheck bench — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);

const parts: [string, () => Promise<string>][] = [
  ["pipeline (single thread)", benchPipeline],
  ["assertion engine on the NegEx sentences", async () => (await import("./eval-negex.js")).benchNegex?.() ?? "(not available)"],
  ["scan (worker threads)", async () => (await import("./scan.js")).benchScan()],
  ["HTTP server load", async () => (await import("./serve.js")).benchServe()],
];

for (const [name, run] of parts) {
  console.log(`\n## ${name}`);
  try {
    console.log(await run());
  } catch (err) {
    console.log(`(skipped: ${(err as Error).message})`);
  }
}
