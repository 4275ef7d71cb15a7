/**
 * The verb pass (src/pipeline/verbs.ts, lexicons/verbs.json): sentence in, what its verbs say about the
 * operation out. Sentences written for this test.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { inflections, verbFactOf, verbGroups } from "../src/pipeline/verbs.js";
import { LEXICON_DIR, parseLexicon } from "../src/lexicon/load.js";
import { VerbsLexiconSchema } from "../src/lexicon/verbs-schema.js";

function verbOf(sentence: string, target: string) {
  const start = sentence.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${sentence}"`);
  const f = verbFactOf(sentence, { start: 0, end: sentence.length }, { start, end: start + target.length });
  if (f) expect(sentence.slice(f.cue.start, f.cue.end)).toBe(f.cue.text);
  return f?.verbClass ?? null;
}

const ROWS: [string, string, ReturnType<typeof verbOf>][] = [
  ["Neurosurgery favours an occiput-C2 fusion.", "fusion", "proposed"],
  ["The surgeon suggested posterior C1-C2 fusion last week.", "fusion", "proposed"],
  ["She wants the arthrodesis done before her daughter's wedding.", "arthrodesis", "proposed"],
  ["He needs a C1-C2 fusion.", "fusion", "proposed"],
  ["We explained posterior C1-C2 fusion in detail.", "fusion", "discussed"],
  ["She asked about occipitocervical fusion.", "fusion", "discussed"],
  ["They will schedule the C1-C2 fusion.", "fusion", "planned"],
  ["We arranged an occiput-C2 fusion for January.", "fusion", "planned"],
  ["He agreed to the posterior fusion.", "fusion", "consented"],
  ["She postponed the C1-C2 fusion until spring.", "fusion", "declined"],
  ["They cancelled the arthrodesis.", "arthrodesis", "declined"],
  ["A C1-C2 fusion could relieve the pain.", "fusion", "conditional"],
  ["Fusion might help her.", "Fusion", "conditional"],
  ["She should get the C1-C2 fusion.", "fusion", "proposed"],
  ["The surgeons will do the occiput-C2 fusion on Monday.", "fusion", "planned"],
  ["She underwent a C1-C2 fusion.", "fusion", "done"],
  ["He has an occiput-C2 fusion.", "fusion", "done"],
  ["The C1-C2 fusion was complicated by a wound infection.", "fusion", "done"],
  ["The C1-C2 fusion healed.", "fusion", "done"],
  // No verb, a present verb of no class, or a verb after the operation that says what it needs: nothing.
  ["Posterior C1-C2 fusion with Harms constructs.", "fusion", null],
  ["The C1-C2 fusion looks solid.", "fusion", null],
  ["The C1-C2 fusion requires no further imaging.", "fusion", null],
  // Verbs in another clause do not count.
  ["She declined physical therapy; C1-C2 fusion with screws.", "fusion", null],
];

describe("verb pass", () => {
  it.each(ROWS)("%s [%s] -> %s", (sentence, target, want) => {
    expect(verbOf(sentence, target)).toBe(want);
  });
});

describe("lexicons/verbs.json", () => {
  const raw = readFileSync(LEXICON_DIR + "verbs.json", "utf8");
  it("loads", () => {
    expect(parseLexicon("verbs.json", raw, VerbsLexiconSchema).classes.length).toBeGreaterThan(5);
  });
  it("a lemma in two classes is an error naming the entry", () => {
    const d = JSON.parse(raw);
    d.classes[1].lemmas.push(d.classes[0].lemmas[0]);
    expect(() => parseLexicon("verbs.json", JSON.stringify(d), VerbsLexiconSchema)).toThrow(/field classes, entry 1.*already in class proposed/);
  });
  it("an unknown class is an error", () => {
    const d = JSON.parse(raw);
    d.classes[0].class = "maybe";
    expect(() => parseLexicon("verbs.json", JSON.stringify(d), VerbsLexiconSchema)).toThrow(/field class/);
  });
});

describe("the forms the pre-filter knows (a sentence with none is not parsed)", () => {
  it.each([
    ["recommend", ["recommends", "recommended", "recommending"]],
    ["schedule", ["schedules", "scheduled", "scheduling"]],
    ["plan", ["plans", "planned", "planning"]],
    ["defer", ["defers", "deferred", "deferring"]],
    ["opt", ["opts", "opted", "opting"]],
  ])("%s", (lemma, want) => {
    const forms = inflections(lemma);
    for (const w of want) expect(forms).toContain(w);
  });

  it("nouns that start like a lemma are no forms of it ('operation', 'revision', 'option')", () => {
    const all = ["operate", "revise", "opt", "review", "instrument"].flatMap(inflections);
    for (const noun of ["operation", "operative", "revision", "option", "instrumentation"]) expect(all).not.toContain(noun);
  });

  it("a sentence with no form of a classed verb gives no verb groups", () => {
    const s = "Posterior C1-C2 instrumentation with Harms constructs, operative time 3 hours.";
    expect(verbGroups(s, { start: 0, end: s.length })).toEqual([]);
  });
});
