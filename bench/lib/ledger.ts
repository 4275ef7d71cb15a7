/**
 * The ledger of known disagreements (corpus/ledger.json): every place where the checker today disagrees with
 * a corpus expected file (`corpus` entries), and every behavioural pair that fails today (`behaviour`
 * entries, bench/lib/perturb.ts), each with a one-line reason a person wrote. The tests fail on a
 * disagreement that is not in the ledger, on a ledger entry that no longer occurs (it was fixed: remove it),
 * and on an entry whose reason is still "TODO: reason". `npm run eval -- --write-ledger` rewrites the file
 * from what happens today, keeping the reasons of entries that still occur.
 * Pure functions except loadLedger/saveLedger; nothing here prints note text.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ELEMENT_IDS } from "../../src/schema.js";
import { CORPUS_DIR, loadCorpus, NOTES_DIR, runCorpus, suggestionKey, type NoteOutcome } from "./corpus.js";

export const LEDGER_FILE = join(CORPUS_DIR, "ledger.json");
export const TODO_REASON = "TODO: reason";

/** The corpus sets the ledger covers: the development notes and the held-out sets (named explicitly). */
export const LEDGER_SETS = ["notes", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "family", "family-blind1"] as const;
/** Sets the behavioural transforms run on: the M43.21 sets (corpus/family's notes are checked for their own codes). */
export const BEHAVIOUR_SETS = LEDGER_SETS.filter((s) => s !== "family" && s !== "family-blind1");
export type LedgerSet = (typeof LEDGER_SETS)[number];
export const setDir = (set: LedgerSet): string => (set === "notes" ? NOTES_DIR : join(CORPUS_DIR, set));

const CorpusEntrySchema = z.strictObject({
  set: z.enum(LEDGER_SETS),
  id: z.string().min(1),
  /** "verdict", "element:<id>" or "suggestions" */
  field: z.string().regex(/^(verdict|suggestions|element:[a-z_]+)$/),
  expected: z.string(),
  got: z.string(),
  reason: z.string().min(5),
});
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;

const BehaviourEntrySchema = z.strictObject({
  set: z.enum(LEDGER_SETS),
  id: z.string().min(1),
  transform: z.string().min(1),
  expected: z.string(),
  got: z.string(),
  reason: z.string().min(5),
});
export type BehaviourEntry = z.infer<typeof BehaviourEntrySchema>;

export const LedgerSchema = z.strictObject({
  about: z.string(),
  corpus: z.array(CorpusEntrySchema),
  behaviour: z.array(BehaviourEntrySchema),
});
export type Ledger = z.infer<typeof LedgerSchema>;

const ABOUT =
  "Known disagreements today, each with a one-line reason. corpus: checker vs the corpus expected files; " +
  "behaviour: behavioural pairs (note, transform) that fail. tests/corpus-eval.test.ts and tests/behaviour.test.ts " +
  "fail on any disagreement not listed here and on any entry that no longer occurs. Regenerate with " +
  "`npm run eval -- --write-ledger` (keeps reasons; new entries get 'TODO: reason', which the tests reject).";

export function loadLedger(file = LEDGER_FILE): Ledger {
  if (!existsSync(file)) return { about: ABOUT, corpus: [], behaviour: [] };
  return LedgerSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

export function saveLedger(ledger: Ledger, file = LEDGER_FILE): void {
  writeFileSync(file, JSON.stringify({ ...ledger, about: ABOUT }, null, 2) + "\n");
}

// ---------------------------------------------------------------------------------------------------
// Corpus disagreements, one per field

export type Disagreement = Omit<CorpusEntry, "reason">;

const fmtSuggestions = (xs: readonly { code: string; relation: string }[]): string =>
  xs.length === 0 ? "(none)" : [...new Set(xs.map(suggestionKey))].sort().join(" + ");

/** Every field where the checker's result differs from the expected file (violations are not ledgerable). */
export function disagreementsOf(set: LedgerSet, outcomes: readonly NoteOutcome[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const o of outcomes) {
    const e = o.note.expected;
    const r = o.result;
    const id = o.note.id;
    if (e.verdict !== r.verdict) out.push({ set, id, field: "verdict", expected: e.verdict, got: r.verdict });
    for (const el of ELEMENT_IDS) {
      const got = r.elements.find((x) => x.id === el)?.status ?? "(absent)";
      if (got !== e.elements[el]) out.push({ set, id, field: `element:${el}`, expected: e.elements[el], got });
    }
    const want = fmtSuggestions(e.suggestions);
    const got = fmtSuggestions(r.suggestions);
    if (want !== got) out.push({ set, id, field: "suggestions", expected: want, got });
  }
  return out;
}

/** Runs the checker on every ledger set and returns today's disagreements and the violations. */
export function currentCorpusDisagreements(): { disagreements: Disagreement[]; violations: string[] } {
  const disagreements: Disagreement[] = [];
  const violations: string[] = [];
  for (const set of LEDGER_SETS) {
    const outcomes = runCorpus(loadCorpus(setDir(set)));
    disagreements.push(...disagreementsOf(set, outcomes));
    for (const o of outcomes) for (const v of o.violations) violations.push(`${set}/${o.note.id}: ${v}`);
  }
  return { disagreements, violations };
}

/** Every note of every M43.21 ledger set, with its set name (the behavioural tests run on these). */
export function ledgerNotes(): { set: LedgerSet; id: string; text: string }[] {
  return BEHAVIOUR_SETS.flatMap((set) => loadCorpus(setDir(set)).map((n) => ({ set, id: n.id, text: n.text })));
}

// ---------------------------------------------------------------------------------------------------
// Comparing with the ledger

const corpusKey = (d: Disagreement): string => [d.set, d.id, d.field, d.expected, d.got].join("\u0000");
/** A failing behavioural pair as the ledger keys it (bench/lib/perturb.ts Pair has these fields). */
export interface PairKey {
  set: string;
  id: string;
  transform: string;
  expected: string;
  got: string;
}
const behaviourKey = (d: PairKey): string => [d.set, d.id, d.transform, d.expected, d.got].join("\u0000");

export interface LedgerComparison<D, E> {
  /** occurs today, not in the ledger */
  unexpected: D[];
  /** in the ledger, no longer occurs */
  fixed: E[];
  /** in the ledger and occurs, reason not written yet */
  todo: E[];
  /** in the ledger and occurs */
  known: E[];
}

function compare<D, E extends D & { reason: string }>(now: readonly D[], ledger: readonly E[], key: (d: D) => string): LedgerComparison<D, E> {
  const nowKeys = new Set(now.map(key));
  const ledgerKeys = new Set(ledger.map(key));
  return {
    unexpected: now.filter((d) => !ledgerKeys.has(key(d))),
    fixed: ledger.filter((e) => !nowKeys.has(key(e))),
    todo: ledger.filter((e) => nowKeys.has(key(e)) && e.reason.trim().startsWith("TODO")),
    known: ledger.filter((e) => nowKeys.has(key(e))),
  };
}

export const compareCorpus = (now: readonly Disagreement[], ledger: readonly CorpusEntry[]) => compare(now, ledger, corpusKey);
export const compareBehaviour = (now: readonly PairKey[], ledger: readonly BehaviourEntry[]) => compare<PairKey, BehaviourEntry>(now, ledger, behaviourKey);

/** Today's entries with the reasons kept from the old ledger (exact match), "TODO: reason" for new ones. */
export function mergeCorpus(now: readonly Disagreement[], old: readonly CorpusEntry[]): CorpusEntry[] {
  const reasons = new Map(old.map((e) => [corpusKey(e), e.reason]));
  return now.map((d) => ({ ...d, reason: reasons.get(corpusKey(d)) ?? TODO_REASON }));
}

export function mergeBehaviour(now: readonly PairKey[], old: readonly BehaviourEntry[]): BehaviourEntry[] {
  const reasons = new Map(old.map((e) => [behaviourKey(e), e.reason]));
  return now.map(({ set, id, transform, expected, got }) => ({ set: set as LedgerSet, id, transform, expected, got, reason: reasons.get(behaviourKey({ set, id, transform, expected, got })) ?? TODO_REASON }));
}

const fmtCorpus = (d: Disagreement) => `${d.set}/${d.id} ${d.field}: expected ${d.expected}, got ${d.got}`;
const fmtBehaviour = (d: PairKey) => `${d.set}/${d.id} ${d.transform}: expected ${d.expected}, got ${d.got}`;

/** A human-readable account of a comparison; empty when the ledger matches today exactly and has no TODO. */
export function ledgerProblems<D extends Disagreement | PairKey, E extends D & { reason: string }>(c: LedgerComparison<D, E>): string {
  const f = (d: D) => ("field" in d ? fmtCorpus(d as Disagreement) : fmtBehaviour(d as PairKey));
  const out: string[] = [];
  if (c.unexpected.length > 0) {
    out.push(`${c.unexpected.length} new disagreement(s) not in corpus/ledger.json (fix the checker, or add them with \`npm run eval -- --write-ledger\` and write a reason):`);
    out.push(...c.unexpected.map((d) => `  ${f(d)}`));
  }
  if (c.fixed.length > 0) {
    out.push(`${c.fixed.length} ledger entr(ies) no longer occur: they were fixed, remove them from corpus/ledger.json (\`npm run eval -- --write-ledger\`):`);
    out.push(...c.fixed.map((d) => `  ${f(d)}`));
  }
  if (c.todo.length > 0) {
    out.push(`${c.todo.length} ledger entr(ies) still say "${TODO_REASON}": write a one-line reason for each:`);
    out.push(...c.todo.map((d) => `  ${f(d)}`));
  }
  return out.join("\n");
}
