/**
 * The NegEx / ConText annotated sentences (Chapman et al.): loading, locating each target, running
 * the assertion engine, and scoring. Shared by `npm run eval:negex` and tests/negex-eval.test.ts.
 * Data: data/negex/dev-rsAnnotations.tsv in the external data folder (bench/lib/external.ts; see its README).
 */
import { existsSync, readFileSync } from "node:fs";
import { assertInSentence, contextRules, type CompiledContext } from "../../src/pipeline/context.js";
import type { AssertedSpan, Span } from "../../src/types.js";
import { prf, type Prf } from "./metrics.js";

import { NEGEX_DEV, REPO_ROOT } from "./external.js";

export { NEGEX_DEV, REPO_ROOT };

export interface NegexRow {
  /** Upstream line number (column 1). */
  line: number;
  condition: string;
  sentence: string;
  negated: boolean;
  /** "historical", "recent" or "hypothetical" (the set's "Not particular"). */
  temporality: "historical" | "recent" | "hypothetical";
  experiencer: "patient" | "other";
}

export function negexDataPresent(file = NEGEX_DEV): boolean {
  return existsSync(file);
}

export function readNegex(file = NEGEX_DEV): NegexRow[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const rows: NegexRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const cols = raw.split("\t");
    if (cols.length < 6) throw new Error(`${file}: line ${i + 2}: expected 6 tab-separated columns, found ${cols.length}`);
    const [line, condition, sentence, neg, temp, exp] = cols as [string, string, string, string, string, string];
    const t = temp.trim().toLowerCase();
    rows.push({
      line: Number(line),
      condition,
      sentence,
      negated: neg.trim().toLowerCase() === "negated",
      temporality: t === "historical" ? "historical" : t === "recent" ? "recent" : "hypothetical",
      experiencer: exp.trim().toLowerCase() === "patient" ? "patient" : "other",
    });
  });
  return rows;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where the condition sits in the sentence: case-insensitive, any run of whitespace matching any
 * other. When it occurs several times in a sentence that is not all capitals, the annotators' mark
 * (the target in upper case) decides; of several upper-case occurrences ("ALLERGIES: ... no known
 * ALLERGIES") the last, since a header comes first.
 */
export function locateTarget(sentence: string, condition: string): Span | null {
  const words = condition.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const re = new RegExp(words.map(escape).join("\\s+"), "gi");
  const hits: { span: Span; upper: boolean }[] = [];
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    hits.push({ span: { start: m.index, end: m.index + m[0].length }, upper: !/[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]) });
  }
  if (hits.length === 0) return null;
  const allCaps = !/[a-z]/.test(sentence);
  const upper = hits.filter((h) => h.upper);
  if (allCaps || upper.length === 0) return hits[0]!.span;
  return upper[upper.length - 1]!.span;
}

export interface Prediction {
  row: NegexRow;
  target: Span | null;
  result: AssertedSpan | null;
}

export function runNegex(rows: readonly NegexRow[], ctx: CompiledContext = contextRules()): Prediction[] {
  return rows.map((row) => {
    const target = locateTarget(row.sentence, row.condition);
    return { row, target, result: target ? assertInSentence(row.sentence, target, ctx) : null };
  });
}


/** A hypothetical cue counts toward the set's "Not particular" only when it is conditional or planned. */
export function temporalHypothetical(result: AssertedSpan, ctx: CompiledContext = contextRules()): boolean {
  return result.cues.some((c) => c.category === "hypothetical" && ctx.byId.get(c.rule)?.hypotheticalKind !== "workup");
}

export interface NegexScores {
  rows: number;
  located: number;
  unlocated: NegexRow[];
  negation: { accuracy: number } & Prf;
  historical: Prf;
  /** Every hypothetical cue, as the engine reports it to the checker. */
  hypothetical: Prf;
  /** Conditional and planned cues only: the set's temporal sense ("rule out" rows are annotated Recent). */
  hypotheticalTemporal: Prf;
  experiencerOther: Prf;
  errors: { kind: string; pred: Prediction }[];
}

/** Scores predictions; a row whose target cannot be located counts as predicted all-default (affirmed, recent, patient). */
export function scoreNegex(preds: readonly Prediction[], ctx: CompiledContext = contextRules()): NegexScores {
  const count = () => ({ tp: 0, fp: 0, fn: 0 });
  const neg = count(), hist = count(), hyp = count(), hypT = count(), exp = count();
  let correctNeg = 0;
  const errors: NegexScores["errors"] = [];
  const tally = (c: { tp: number; fp: number; fn: number }, gold: boolean, pred: boolean) => {
    if (gold && pred) c.tp++;
    else if (pred) c.fp++;
    else if (gold) c.fn++;
  };
  for (const p of preds) {
    const r = p.result;
    const pn = r?.negated ?? false, ph = r?.historical ?? false, py = r?.hypothetical ?? false;
    const pyT = r ? temporalHypothetical(r, ctx) : false;
    const pe = (r?.experiencer ?? "patient") === "other";
    tally(neg, p.row.negated, pn);
    tally(hist, p.row.temporality === "historical", ph);
    tally(hyp, p.row.temporality === "hypothetical", py);
    tally(hypT, p.row.temporality === "hypothetical", pyT);
    tally(exp, p.row.experiencer === "other", pe);
    if (pn === p.row.negated) correctNeg++;
    else errors.push({ kind: pn ? "negated FP" : "negated FN", pred: p });
    if (ph !== (p.row.temporality === "historical")) errors.push({ kind: ph ? "historical FP" : "historical FN", pred: p });
    if (pyT !== (p.row.temporality === "hypothetical")) errors.push({ kind: pyT ? "hypothetical FP" : "hypothetical FN", pred: p });
    if (pe !== (p.row.experiencer === "other")) errors.push({ kind: pe ? "experiencer FP" : "experiencer FN", pred: p });
  }
  return {
    rows: preds.length,
    located: preds.filter((p) => p.target).length,
    unlocated: preds.filter((p) => !p.target).map((p) => p.row),
    negation: { accuracy: preds.length ? correctNeg / preds.length : 0, ...prf(neg.tp, neg.fp, neg.fn) },
    historical: prf(hist.tp, hist.fp, hist.fn),
    hypothetical: prf(hyp.tp, hyp.fp, hyp.fn),
    hypotheticalTemporal: prf(hypT.tp, hypT.fp, hypT.fn),
    experiencerOther: prf(exp.tp, exp.fp, exp.fn),
    errors,
  };
}

export interface Spread {
  p5: number;
  p50: number;
  p95: number;
}

/**
 * How much the figures move on sets the size of the held-out split: F1 over `rounds` random subsets
 * of whole sentences (each sentence kept with probability size/rows, like the upstream split), with a
 * fixed seed so the output is reproducible. Sampling noise only: it cannot show over-fitting to dev.
 */
export function subsampleSpread(
  preds: readonly Prediction[],
  size = 757,
  rounds = 200,
  ctx: CompiledContext = contextRules(),
): Record<"negatedF1" | "historicalF1" | "hypotheticalF1", Spread> {
  const sentences = [...new Set(preds.map((p) => p.row.sentence))];
  let seed = 20261125;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const keep = size / preds.length;
  const neg: number[] = [], hist: number[] = [], hyp: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const picked = new Set(sentences.filter(() => random() < keep));
    const s = scoreNegex(preds.filter((p) => picked.has(p.row.sentence)), ctx);
    neg.push(s.negation.f1);
    hist.push(s.historical.f1);
    hyp.push(s.hypotheticalTemporal.f1);
  }
  const spread = (xs: number[]): Spread => {
    const sorted = xs.slice().sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p5: at(0.05), p50: at(0.5), p95: at(0.95) };
  };
  return { negatedF1: spread(neg), historicalF1: spread(hist), hypotheticalF1: spread(hyp) };
}

export type { Prf };
