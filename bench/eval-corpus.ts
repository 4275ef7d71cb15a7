/**
 * `npm run eval`: runs check() on every corpus note and compares with the expected results.
 *   npm run eval                      report (confusion matrix, accuracies, F1, disagreements)
 *   npm run eval -- --json            the same report as one JSON object
 *   npm run eval -- --write-readme    also regenerate the counts block of corpus/README.md
 *   npm run eval -- --holdout         score corpus/holdout/ (written blind) instead of corpus/notes/
 *   npm run eval -- --dir DIR         score any folder of notes with expected results (corpus/holdout2...)
 *   npm run eval -- --write-ledger    rewrite corpus/ledger.json from today's disagreements on every set and
 *                                     today's failing behavioural pairs (reasons kept; new ones "TODO: reason")
 *   npm run eval -- --perturb         the behavioural tests: per transform, pairs applied/passed, and the failures
 *   npm run eval -- --status          the procedure-status set (corpus/status): accuracy and confusion matrix
 *                                     (--half dev|test: the odd ids read while writing the cues, or the even ids)
 * Exit status: 0 always for the report (the thresholds live in tests/corpus-eval.test.ts), 1 when the
 * corpus itself cannot be loaded. Prints ids and labels only, never note text.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ELEMENT_IDS, VERDICTS } from "../src/schema.js";
import {
  loadCorpus,
  CORPUS_DIR,
  corpusStats,
  readmeTables,
  runCorpus,
  score,
  scoreByCode,
  type CodeFigures,
  withReadmeTables,
  type Report,
} from "./lib/corpus.js";
import {
  compareBehaviour,
  compareCorpus,
  currentCorpusDisagreements,
  disagreementsOf,
  LEDGER_FILE,
  LEDGER_SETS,
  ledgerNotes,
  loadLedger,
  mergeBehaviour,
  mergeCorpus,
  saveLedger,
  TODO_REASON,
  type LedgerSet,
} from "./lib/ledger.js";
import { runBehaviour, summarise, type Pair } from "./lib/perturb.js";
import { halfOf, loadStatusSet, scoreStatusSet } from "./lib/status-set.js";
import { formatStatusReport } from "./eval-status.js";

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

/** Per-code figures for a set written for several codes of the family (each note checked for its own code). */
export function formatByCode(rows: readonly CodeFigures[]): string {
  const out = ["per code (each note checked for its expected file's code)", "code      notes  verdict  routing  elements  missing F1"];
  for (const r of rows) {
    out.push(`${r.code.padEnd(8)} ${String(r.notes).padStart(6)}  ${pct(r.verdictAccuracy)}   ${pct(r.routingAccuracy)}   ${pct(r.elementStatusAccuracy)}    ${pct(r.missingF1)}`);
  }
  return out.join("\n");
}

/** The behavioural table: transform, kind, pairs applied, passed, rate; then every failing pair. */
export function formatBehaviour(pairs: readonly Pair[]): string {
  const ledger = loadLedger();
  const c = compareBehaviour(pairs.filter((p) => !p.passed), ledger.behaviour);
  const out: string[] = [];
  out.push("transform                 kind  applied  passed    rate");
  for (const s of summarise(pairs)) {
    out.push(`${s.name.padEnd(25)} ${s.kind.padEnd(4)} ${String(s.applied).padStart(8)} ${String(s.passed).padStart(7)} ${pct(s.rate)}`);
  }
  const passed = pairs.filter((p) => p.passed).length;
  out.push(`${"all".padEnd(25)} ${"".padEnd(4)} ${String(pairs.length).padStart(8)} ${String(passed).padStart(7)} ${pct(pairs.length ? passed / pairs.length : 1)}`);
  for (const kind of ["INV", "DIR"] as const) {
    const k = pairs.filter((p) => p.kind === kind);
    const kp = k.filter((p) => p.passed).length;
    out.push(`${("  " + kind).padEnd(25)} ${"".padEnd(4)} ${String(k.length).padStart(8)} ${String(kp).padStart(7)} ${pct(k.length ? kp / k.length : 1)}`);
  }
  const failing = pairs.filter((p) => !p.passed);
  const inLedger = new Set(c.known.map((e) => `${e.set}/${e.id}/${e.transform}`));
  out.push("", `failing pairs (${failing.length}; ${c.known.length} in the ledger, ${c.unexpected.length} new, ${c.fixed.length} ledger entries fixed):`);
  for (const p of failing) {
    const mark = inLedger.has(`${p.set}/${p.id}/${p.transform}`) ? " " : "!";
    out.push(`${mark} ${`${p.set}/${p.id}`.padEnd(46)} ${p.transform.padEnd(22)} expected ${p.expected}, got ${p.got}`);
  }
  for (const e of c.fixed) out.push(`  fixed (remove from the ledger): ${e.set}/${e.id} ${e.transform}`);
  return out.join("\n");
}

/** The ledger status of one set: known disagreements, new ones, fixed ones and reasons still to write. */
function ledgerStatus(set: LedgerSet, outcomes: Parameters<typeof disagreementsOf>[1]): string {
  const ledger = loadLedger();
  const c = compareCorpus(disagreementsOf(set, outcomes), ledger.corpus.filter((e) => e.set === set));
  const out = [`ledger (corpus/ledger.json, set ${set}): ${c.known.length} known, ${c.unexpected.length} new, ${c.fixed.length} fixed, ${c.todo.length} without a reason`];
  for (const d of c.unexpected) out.push(`  new:   ${d.id} ${d.field}: expected ${d.expected}, got ${d.got}`);
  for (const e of c.fixed) out.push(`  fixed (remove it): ${e.id} ${e.field}: expected ${e.expected}, got ${e.got}`);
  for (const e of c.todo) out.push(`  TODO:  ${e.id} ${e.field}`);
  return out.join("\n");
}

function writeLedger(): void {
  const old = loadLedger();
  const { disagreements } = currentCorpusDisagreements();
  const pairs = runBehaviour(ledgerNotes());
  const failing = pairs.filter((p) => !p.passed);
  const ledger = { about: old.about, corpus: mergeCorpus(disagreements, old.corpus), behaviour: mergeBehaviour(failing, old.behaviour) };
  saveLedger(ledger);
  const todo = [...ledger.corpus, ...ledger.behaviour].filter((e) => e.reason === TODO_REASON).length;
  console.error(`wrote ${LEDGER_FILE}: ${ledger.corpus.length} corpus and ${ledger.behaviour.length} behaviour entries, ${todo} still "${TODO_REASON}"`);
}

function main(argv: string[]): void {
  if (argv.includes("--write-ledger")) return writeLedger();
  if (argv.includes("--perturb")) {
    console.log(formatBehaviour(runBehaviour(ledgerNotes())));
    return;
  }
  if (argv.includes("--status")) {
    const half = argv.includes("--half") ? argv[argv.indexOf("--half") + 1] : undefined;
    const items = halfOf(loadStatusSet(), half);
    console.log(formatStatusReport(scoreStatusSet(items)));
    return;
  }
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
  else {
    console.log(formatReport(report));
    const byCode = scoreByCode(outcomes);
    if (byCode.length > 1 || byCode.some((c) => c.code !== "M43.21")) console.log("\n" + formatByCode(byCode));
    const set = (dir === undefined ? "notes" : basename(dir.replace(/\/+$/, ""))) as LedgerSet;
    if ((LEDGER_SETS as readonly string[]).includes(set)) console.log("\n" + ledgerStatus(set, outcomes));
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`eval-corpus: ${(err as Error).message}`);
  process.exit(1);
}
