/**
 * `npm run eval:status`: the procedure-status evaluation (corpus/status/sentences.jsonl). Prints accuracy
 * over the ten statuses, the did-it-happen accuracy (performed or performed here, against the rest), the
 * confusion matrix and every disagreement (id, expected, got, the deciding cue; never the snippet's text
 * unless --text). `--half dev|test` scores the odd or even ids of the first set, `--half set2` the second, `--half set3` the third, `--half set4` the fourth
 * set (corpus/status/sentences-2.jsonl), `--file` one other file; `--write-ledger` records today's
 * disagreements in corpus/status/ledger.json (tests/status-eval.test.ts fails on any other).
 */
import { writeFileSync } from "node:fs";
import { PROCEDURE_STATUSES } from "../src/domain.js";
import { halfOf, loadStatusSet, scoreStatusSet, STATUS_LEDGER, statusLedgerOf, type StatusReport } from "./lib/status-set.js";

export function formatStatusReport(r: StatusReport, showText = false): string {
  const out: string[] = [];
  const cols = [...PROCEDURE_STATUSES, "unseen"];
  const short = (s: string) => s.replace("performed_here", "perf_here").slice(0, 9);
  out.push(`items: ${r.items}   accuracy: ${r.accuracy.toFixed(3)}   did-it-happen accuracy: ${r.actualAccuracy.toFixed(3)}`, "");
  out.push("confusion (rows = expected, columns = got)");
  out.push("".padEnd(15) + cols.map((c) => short(c).padStart(10)).join(""));
  for (const g of PROCEDURE_STATUSES) out.push(g.padEnd(15) + cols.map((c) => String(r.confusion[g]![c]).padStart(10)).join(""));
  if (r.errors.length) {
    out.push("", "disagreements");
    for (const e of r.errors) {
      out.push(`  ${e.item.id}  expected ${e.item.status}, got ${e.got}${e.cue !== undefined ? ` (cue "${e.cue}")` : ""}  [${e.item.docType}]`);
      if (showText) out.push(`      ${e.item.text}   <${e.item.target}>`);
    }
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const half = args.includes("--half") ? args[args.indexOf("--half") + 1] : undefined;
  const file = args.includes("--file") ? args[args.indexOf("--file") + 1] : undefined;
  const items = halfOf(loadStatusSet(file), half);
  const report = scoreStatusSet(items);
  console.log(formatStatusReport(report, args.includes("--text")));
  if (args.includes("--write-ledger")) {
    if (half || file) throw new Error("--write-ledger scores the whole set; drop --half and --file");
    writeFileSync(STATUS_LEDGER, JSON.stringify(statusLedgerOf(report), null, 2) + "\n");
    console.log(`wrote ${STATUS_LEDGER}: ${report.errors.length} accepted disagreements`);
  }
}
