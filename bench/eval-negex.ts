/**
 * `npm run eval:negex`: the assertion engine on the NegEx / ConText development sentences.
 * Prints negation accuracy and negated P/R/F1, F1 for historical, hypothetical and other-experiencer,
 * the rows whose target could not be located, the timing, and every error with the cue that decided it.
 * Options: --errors=none|summary|all (default all), --data FILE.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { contextRules } from "../src/pipeline/context.js";
import { NEGEX_DEV, negexDataPresent, readNegex, runNegex, scoreNegex, subsampleSpread, type Prf } from "./lib/negex.js";

const args = process.argv.slice(2);
const dataArg = args.find((a) => a.startsWith("--data="))?.slice(7);
const errorsMode = args.find((a) => a.startsWith("--errors="))?.slice(9) ?? "all";
const file = dataArg ?? NEGEX_DEV;

if (!negexDataPresent(file)) {
  process.stderr.write(`eval:negex: data file not found: ${file} (set CDICHECK_SHARED to the folder holding data/negex/, or pass --data=FILE)\n`);
  process.exit(2);
}

const loadStart = performance.now();
const ctx = contextRules();
const loadMs = performance.now() - loadStart;
const rows = readNegex(file);
// Timing: the first pass over all rows (cold: JIT not warmed up), then the median of five more.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const preds = runNegex(rows, ctx);
const cpu1 = process.cpuUsage(cpu0);
const runMs = performance.now() - t0;
const runCpuMs = (cpu1.user + cpu1.system) / 1000;
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  runNegex(rows, ctx);
  warm.push(performance.now() - t);
}
const warmMs = warm.sort((a, b) => a - b)[2]!;
const s = scoreNegex(preds, ctx);

const f = (x: number) => x.toFixed(4);
const line = (name: string, p: Prf) =>
  `${name.padEnd(34)} P ${f(p.precision)}  R ${f(p.recall)}  F1 ${f(p.f1)}   (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

const out: string[] = [];
out.push(`NegEx/ConText dev set: ${file}`);
out.push(`rows ${s.rows}, target located ${s.located}, not located ${s.unlocated.length} (scored as affirmed/recent/patient)`);
out.push("");
out.push(`negation accuracy                  ${f(s.negation.accuracy)}`);
out.push(line("negated", s.negation));
out.push(line("historical", s.historical));
out.push(line("hypothetical (conditional, planned)", s.hypotheticalTemporal));
out.push(line("hypothetical (all cues, incl. work-up)", s.hypothetical));
out.push(line("experiencer other", s.experiencerOther));
const spread = subsampleSpread(preds, 757, 200, ctx);
const sp = (x: { p5: number; p50: number; p95: number }) => `${f(x.p5)} / ${f(x.p50)} / ${f(x.p95)}`;
out.push("");
out.push("spread on held-out-sized sets (200 random 757-instance subsets by sentence; F1 p5 / p50 / p95; sampling noise only):");
out.push(`  negated ${sp(spread.negatedF1)}; historical ${sp(spread.historicalF1)}; hypothetical (conditional, planned) ${sp(spread.hypotheticalF1)}`);
out.push("");
out.push(
  `timing: ${s.rows} sentences (locate target + assert) in one process: first pass ${runMs.toFixed(1)} ms wall ` +
    `(${runCpuMs.toFixed(1)} ms CPU of this process), ` +
    `then median of 5 passes ${warmMs.toFixed(1)} ms (${((s.rows / warmMs) * 1000).toFixed(0)} sentences/s); ` +
    `rule load+compile ${loadMs.toFixed(1)} ms; Node ${process.version}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0]!.toFixed(2)}`,
);
if (s.unlocated.length) {
  out.push("");
  out.push(`targets not found in their sentence (${s.unlocated.length}):`);
  for (const r of s.unlocated) out.push(`  line ${r.line}: "${r.condition.trim()}"`);
}
if (errorsMode !== "none") {
  out.push("");
  const kinds = new Map<string, number>();
  for (const e of s.errors) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  out.push(`errors: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`);
  if (errorsMode === "all") {
    for (const e of s.errors.sort((a, b) => a.kind.localeCompare(b.kind) || a.pred.row.line - b.pred.row.line)) {
      const { row, target, result } = e.pred;
      const sent = row.sentence.replace(/\s+/g, " ");
      const cues = result?.cues.map((c) => `${c.category}:"${c.text}"(${c.rule})`).join(" ") || "no cue";
      out.push(`  [${e.kind}] line ${row.line} target "${row.condition.trim()}"${target ? "" : " (not located)"} | ${cues}`);
      out.push(`      ${sent.length > 300 ? sent.slice(0, 300) + "..." : sent}`);
    }
  }
}
process.stdout.write(out.join("\n") + "\n");
