/**
 * `npm run eval`: runs check() on every corpus note and compares with the expected results.
 *   npm run eval                      report (confusion matrix, accuracies, F1, disagreements)
 *   npm run eval -- --json            the same report as one JSON object
 *   npm run eval -- --write-readme    also regenerate the counts block of corpus/README.md
 *   npm run eval -- --holdout         score corpus/holdout/ (written blind) instead of corpus/notes/
 *   npm run eval -- --dir DIR         score any folder of notes with expected results (corpus/holdout2...)
 * Exit status: 0 always for the report (the thresholds live in tests/corpus-eval.test.ts), 1 when the
 * corpus itself cannot be loaded. Prints ids and labels only, never note text.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ELEMENT_IDS, VERDICTS } from "../src/schema.js";
import {
  loadCorpus,
  CORPUS_DIR,
  corpusStats,
  readmeTables,
  runCorpus,
  score,
  withReadmeTables,
  type Report,
} from "./lib/corpus.js";

function pct(x: number): string {
  return (100 * x).toFixed(1).padStart(5) + "%";
}

export function formatReport(r: Report): string {
  const out: string[] = [];
  out.push(`notes: ${r.notes}`, "");
  const short: Record<string, string> = { supported: "supp", incomplete: "incompl", redirect: "redir", not_documented: "not_doc" };
  out.push("verdict confusion (rows = expected, columns = got)");
  out.push("".padEnd(16) + VERDICTS.map((v) => short[v]!.padStart(9)).join("") + "    total");
  for (const e of VERDICTS) {
    const row = VERDICTS.map((g) => String(r.confusion[e][g]).padStart(9)).join("");
    const total = VERDICTS.reduce((s, g) => s + r.confusion[e][g], 0);
    out.push(e.padEnd(16) + row + String(total).padStart(9));
  }
  out.push("");
  out.push(`verdict accuracy:                 ${pct(r.verdictAccuracy)}`);
  out.push(`missing-element F1 (micro, all):  ${pct(r.microMissing.f1)}  (P ${pct(r.microMissing.precision)}, R ${pct(r.microMissing.recall)})`);
  const x = r.microMissingExcludingNotDocumented;
  out.push(`  ... excluding not_documented:   ${pct(x.f1)}  (P ${pct(x.precision)}, R ${pct(x.recall)})`);
  out.push(`element-status accuracy:          ${pct(r.elementStatusAccuracy)}`);
  out.push(`routing accuracy:                 ${pct(r.routingAccuracy)}`);
  out.push(`schema/offset violations:         ${r.violations.length}`, "");
  out.push("missing label per element          P       R      F1     tp   fp   fn");
  for (const id of ELEMENT_IDS) {
    const p = r.perElementMissing[id];
    out.push(`  ${id.padEnd(24)} ${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)} ${String(p.tp).padStart(6)}${String(p.fp).padStart(5)}${String(p.fn).padStart(5)}`);
  }
  out.push("", `disagreements (${r.disagreements.length}):`);
  for (const d of r.disagreements) out.push(`  ${d.id.padEnd(28)} ${d.kind.padEnd(9)} ${d.detail}`);
  return out.join("\n");
}

function main(argv: string[]): void {
  // --holdout scores corpus/holdout/ (written blind, never tuned on) instead of corpus/notes/; --dir any folder.
  const at = argv.indexOf("--dir");
  if (at >= 0 && !argv[at + 1]) throw new Error("--dir needs a folder");
  const dir = at >= 0 ? argv[at + 1]! : argv.includes("--holdout") ? join(CORPUS_DIR, "holdout") : undefined;
  const holdout = dir !== undefined;
  const outcomes = runCorpus(loadCorpus(dir));
  if (holdout) console.log(`${dir} (not the development set)`);
  const report = score(outcomes);
  if (argv.includes("--write-readme") && !holdout) {
    const file = join(CORPUS_DIR, "README.md");
    const tables = readmeTables(corpusStats(outcomes.map((o) => o.note)));
    writeFileSync(file, withReadmeTables(readFileSync(file, "utf8"), tables));
    console.error(`wrote the generated block of ${file}`);
  }
  if (argv.includes("--json")) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`eval-corpus: ${(err as Error).message}`);
  process.exit(1);
}
