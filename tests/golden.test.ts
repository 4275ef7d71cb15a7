/**
 * Golden checks on the corpus itself and on each result's internal consistency (not its correctness:
 * tests/corpus-eval.test.ts scores that). Per note: the expected JSON is valid (strict schema, `missing`
 * equals its element statuses, codes are real ICD-10-CM codes), and check()'s result has spans that slice
 * the note exactly and a `missing` list that equals its element statuses.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/index.js";
import {
  CORPUS_DIR,
  ExpectedSchema,
  NOTES_DIR,
  README_BEGIN,
  README_END,
  ROUTING_ROWS,
  corpusStats,
  codeOf,
  loadCorpus,
  officialCodes,
  readmeTables,
  resultViolations,
} from "../bench/lib/corpus.js";
import { VERDICTS } from "../src/schema.js";

const notes = loadCorpus();
const codes = officialCodes();

describe("corpus files", () => {
  it("pairs every note with an expected result and uses well-formed ids", () => {
    const files = readdirSync(NOTES_DIR);
    const txt = files.filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort();
    const json = files.filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
    expect(json).toEqual(txt);
    expect(files.filter((f) => !f.endsWith(".txt") && !f.endsWith(".json"))).toEqual([]);
    for (const id of txt) expect(id).toMatch(/^(sup|inc|red|nd)-[a-z0-9]+(-[a-z0-9]+)*-\d{2}$/);
  });

  it("starts each id with its verdict", () => {
    const prefix = { supported: "sup-", incomplete: "inc-", redirect: "red-", not_documented: "nd-" } as const;
    for (const n of notes) expect(n.id.startsWith(prefix[n.expected.verdict]), n.id).toBe(true);
  });

  it("the schema rejects an expected result whose missing list disagrees with its statuses", () => {
    const bad = {
      verdict: "incomplete",
      elements: { segments: "present", etiology: "partial", imaging: "present", underlying_condition: "present", functional_limitations: "present" },
      missing: [],
      suggestions: [],
      tags: ["hedged-etiology"],
      rationale: "etiology hedged, so incomplete",
    };
    expect(ExpectedSchema.safeParse(bad).success).toBe(false);
    expect(ExpectedSchema.safeParse({ ...bad, missing: ["etiology"] }).success).toBe(true);
  });

  it("the schema enforces guideline invariants (no target -> elements missing; surgical redirect -> etiology missing)", () => {
    const els = { segments: "present", etiology: "missing", imaging: "missing", underlying_condition: "missing", functional_limitations: "missing" };
    const nd = { verdict: "not_documented", elements: els, missing: ["etiology", "imaging", "underlying_condition", "functional_limitations"], suggestions: [], tags: ["negation"], rationale: "negated fusion only" };
    expect(ExpectedSchema.safeParse(nd).success).toBe(false);
    const z = {
      verdict: "redirect",
      elements: { ...els, etiology: "present" },
      missing: ["imaging", "underlying_condition", "functional_limitations"],
      suggestions: [{ code: "Z98.1", relation: "instead" }],
      tags: ["surgical"],
      rationale: "surgical C1-C2 fusion",
    };
    expect(ExpectedSchema.safeParse(z).success).toBe(false);
    expect(ExpectedSchema.safeParse({ ...z, elements: els, missing: ["etiology", "imaging", "underlying_condition", "functional_limitations"] }).success).toBe(true);
  });

  it("names only codes that exist in the official ICD-10-CM tabular extract", () => {
    for (const n of notes) for (const s of n.expected.suggestions) expect(codes.has(s.code), `${n.id}: ${s.code}`).toBe(true);
  });

  it("keeps CRLF files byte-exact (several notes are saved with \\r\\n)", () => {
    const crlf = notes.filter((n) => n.text.includes("\r\n"));
    expect(crlf.length).toBeGreaterThanOrEqual(5);
    for (const n of notes) {
      const hasCr = n.text.includes("\r\n");
      expect(hasCr, `${n.id}: crlf tag and line endings disagree`).toBe(n.expected.tags.includes("crlf"));
    }
  });

  it("covers every verdict (roughly a quarter each) and every routing row several times", () => {
    const stats = corpusStats(notes);
    for (const v of VERDICTS) expect(stats.perVerdict[v], v).toBeGreaterThanOrEqual(Math.floor(notes.length * 0.18));
    for (const r of ROUTING_ROWS) expect(stats.perRoutingRow[r], r).toBeGreaterThanOrEqual(2);
  });

  it("marks hard notes and explains them", () => {
    const hard = notes.filter((n) => n.expected.tags.includes("hard"));
    expect(hard.length).toBeGreaterThanOrEqual(8);
  });

  it("corpus/README.md's generated counts match the corpus (regenerate: npm run eval -- --write-readme)", () => {
    const readme = readFileSync(join(CORPUS_DIR, "README.md"), "utf8");
    const a = readme.indexOf(README_BEGIN);
    const b = readme.indexOf(README_END);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(readme.slice(a + README_BEGIN.length, b).trim()).toBe(readmeTables(corpusStats(notes)).trim());
  });
});

describe("each note's result is self-consistent", () => {
  it.each(notes.map((n) => [n.id, n] as const))("%s", (_id, n) => {
    const result = check(n.text, { id: n.id, code: codeOf(n.expected) });
    expect(resultViolations(n.text, result)).toEqual([]);
    expect(result.missing).toEqual(result.elements.filter((e) => e.status !== "present").map((e) => e.id));
    // SPEC 3: a redirect carries its code as an 'instead' suggestion, and only a redirect does.
    expect(result.suggestions.some((s) => s.relation === "instead")).toBe(result.verdict === "redirect");
  });
});
