/**
 * Every provider query over the whole corpus (development set and every held-out set): structured, quoting
 * the note's own words, ending in "Other" and "Unable to determine", naming no code and no payment, and (issue
 * 11) leaving out no cause the note documents from the query that asks about the cause.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, loadCorpus, type CorpusNote } from "../bench/lib/corpus.js";
import { analyseNote, check } from "../src/check.js";
import { CAUSE_NAMES } from "../src/domain.js";
import type { Mention } from "../src/pipeline/mentions.js";
import { QueryDetailSchema, type CheckResult } from "../src/schema.js";

const SETS = ["notes", ...readdirSync(CORPUS_DIR).filter((d) => /^holdout\d*$/.test(d)).sort()];

/** An ICD-10-CM code as written (M43.21, Z98.1, Q76.49) or the name of a code set. */
const CODE = /\b[A-Z]\d{2}\.[0-9A-Z]{1,4}\b|\bICD-?10\b|\bCPT\b|\bDRG\b/;

/** Money, payment and quality-score words: a query never names them (AHIMA/ACDIS). */
const MONEY = /\$|\b(?:payment|pay|paid|reimburse\w*|revenue|money|dollars?|financial|billing|bill|fee|charges?|insurance|payer|severity of illness|risk of mortality|quality scores?|case mix)\b/i;

/**
 * Causes documented for the patient, read here from the mentions and not from the query module: a disease
 * (or a congenital condition with a cause) that is neither denied, nor hypothetical, nor someone else's.
 */
function documentedCauseMentions(text: string): Mention[] {
  return analyseNote(text).facts.mentions.filter(
    (m) =>
      ((m.type === "etiology" && m.kind === "disease") || m.type === "congenital") &&
      m.cause !== undefined &&
      !m.assertion.negated &&
      !m.assertion.hypothetical &&
      m.assertion.experiencer === "patient",
  );
}

interface Checked {
  note: CorpusNote;
  set: string;
  result: CheckResult;
}

const checked: Checked[] = SETS.flatMap((set) => loadCorpus(join(CORPUS_DIR, set)).map((note) => ({ note, set, result: check(note.text) })));
const all = checked.flatMap((c) => c.result.queryDetails.map((q) => ({ ...c, q })));
const CAUSE_QUERIES = new Set(["etiology", "underlying_condition"]);

describe("provider queries over the corpus", () => {
  it("covers every set and has queries to check", () => {
    expect(checked.length).toBeGreaterThanOrEqual(463);
    expect(all.length).toBeGreaterThanOrEqual(250);
    expect(all.filter((x) => CAUSE_QUERIES.has(x.q.closes)).length).toBeGreaterThanOrEqual(100);
  });

  it("gives every string in queries its structured form, in order", () => {
    for (const { note, result } of checked) expect(result.queryDetails.map((q) => q.text), note.id).toEqual(result.queries);
  });

  it("quotes at least one indicator per query, each slicing the note exactly, with its date slicing the note", () => {
    for (const { note, q } of all) {
      expect(QueryDetailSchema.safeParse(q).success, `${note.id} ${q.id}`).toBe(true);
      expect(q.indicators.length, `${note.id} ${q.id}`).toBeGreaterThan(0);
      for (const i of q.indicators) {
        expect(i.end, `${note.id} ${q.id}`).toBeGreaterThan(i.start);
        expect(note.text.slice(i.start, i.end), `${note.id} ${q.id}`).toBe(i.text);
        if (i.date) expect(note.text.slice(i.date.start, i.date.end), `${note.id} ${q.id}`).toBe(i.date.text);
      }
      for (const o of q.options) for (const ev of o.evidence) expect(note.text.slice(ev.start, ev.end), `${note.id} ${q.id}`).toBe(ev.text);
    }
  });

  it("offers at least one clinical answer, then Other and Unable to determine", () => {
    for (const { note, q } of all) {
      const kinds = q.options.map((o) => o.kind);
      expect(kinds.slice(-2), `${note.id} ${q.id}`).toEqual(["other", "unable_to_determine"]);
      expect(q.options.slice(-2).map((o) => o.label)).toEqual(["Other (please specify)", "Unable to determine"]);
      expect(kinds.filter((k) => k === "answer").length, `${note.id} ${q.id}`).toBeGreaterThan(0);
      expect(q.text.endsWith("; other (please specify); unable to determine."), `${note.id} ${q.id}`).toBe(true);
    }
  });

  it("names no code and no payment in any query", () => {
    for (const { note, q } of all) {
      // The note's own words may hold anything; the query's own words (question and options) are checked whole.
      for (const own of [q.question, ...q.options.map((o) => o.label.replace(/"[^"]*"/g, ""))]) {
        expect(CODE.test(own), `${note.id} ${q.id}: ${own}`).toBe(false);
        expect(MONEY.test(own), `${note.id} ${q.id}: ${own}`).toBe(false);
      }
      const unquoted = q.text.replace(/"[^"]*"/g, '""');
      expect(CODE.test(unquoted), `${note.id} ${q.id}: ${unquoted}`).toBe(false);
      expect(MONEY.test(unquoted), `${note.id} ${q.id}: ${unquoted}`).toBe(false);
    }
  });

  it("leaves no documented cause out of the options of a query that asks about the cause", () => {
    let causeQueries = 0;
    let causesChecked = 0;
    for (const { note, q } of all) {
      if (!CAUSE_QUERIES.has(q.closes)) continue;
      causeQueries++;
      const answers = q.options.filter((o) => o.kind === "answer");
      for (const m of documentedCauseMentions(note.text)) {
        causesChecked++;
        const option = answers.find((o) => o.evidence.some((e) => e.start === m.start && e.end === m.end));
        expect(option, `${note.id} ${q.id}: "${m.text}" (${m.cause}) at ${m.start} is in no option`).toBeDefined();
        // The option names it: by its neutral name or in the note's own words.
        const label = option!.label.toLowerCase();
        const name = CAUSE_NAMES[m.cause!];
        const named = (name !== "" && label.includes(name.toLowerCase())) || label.includes(m.text.replace(/\s+/g, " ").trim().toLowerCase());
        expect(named, `${note.id} ${q.id}: option "${option!.label}" does not name "${m.text}"`).toBe(true);
      }
      // The origin query offers every origin, whatever the note documents.
      if (q.closes === "etiology") {
        const labels = answers.map((o) => o.label);
        expect(labels, note.id).toContain("Result of a prior surgical arthrodesis");
        expect(labels, note.id).toContain("Congenital fusion");
        expect(labels.some((l) => l.startsWith("Acquired ankylosis due to a") || l.startsWith("Acquired ankylosis due to another")), note.id).toBe(true);
      }
    }
    expect(causeQueries).toBeGreaterThanOrEqual(100);
    expect(causesChecked).toBeGreaterThan(100);
  });
});
