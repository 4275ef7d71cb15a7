/**
 * Regression guard on the NegEx / ConText development sentences (external data: data/negex/ in the folder
 * bench/lib/external.ts resolves). The thresholds are the issue's; `npm run eval:negex` prints the figures
 * and every error. Skipped, with a one-line notice, only when the data file is absent (a clone without the
 * external data); nothing is read until the suite runs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { externalDataPresent } from "../bench/lib/external.js";
import { NEGEX_DEV, readNegex, runNegex, scoreNegex, locateTarget, type NegexRow } from "../bench/lib/negex.js";

const present = externalDataPresent(NEGEX_DEV, "NegEx dev set (tests/negex-eval.test.ts)");

describe.skipIf(!present)("NegEx dev set (1,619 instances)", () => {
  let rows: NegexRow[] = [];
  let scores!: ReturnType<typeof scoreNegex>;
  beforeAll(() => {
    rows = readNegex();
    scores = scoreNegex(runNegex(rows));
  });

  it("reads every row and locates all targets but the few not written verbatim", () => {
    expect(rows.length).toBe(1619);
    expect(scores.unlocated.length).toBeLessThanOrEqual(11);
  });
  it("negation accuracy >= 0.985 and negated F1 >= 0.96", () => {
    expect(scores.negation.accuracy).toBeGreaterThanOrEqual(0.985);
    expect(scores.negation.f1).toBeGreaterThanOrEqual(0.96);
  });
  it("historical F1 >= 0.70", () => {
    expect(scores.historical.f1).toBeGreaterThanOrEqual(0.7);
  });
  it("hypothetical F1 >= 0.90 (conditional and planned cues: the set's 'Not particular')", () => {
    expect(scores.hypotheticalTemporal.f1).toBeGreaterThanOrEqual(0.9);
  });
  it("hypothetical F1 with every cue (work-up included, which the set annotates Recent) stays >= 0.85", () => {
    expect(scores.hypothetical.f1).toBeGreaterThanOrEqual(0.85);
  });
  it("other-experiencer: the two family-history rows are found, with no false alarm", () => {
    expect(scores.experiencerOther.tp).toBeGreaterThanOrEqual(2);
    expect(scores.experiencerOther.fp).toBe(0);
  });
});

describe("locateTarget", () => {
  it("matches any run of whitespace and ignores case", () => {
    expect(locateTarget("He has staph   bacteremia now.", "staph bacteremia")).toEqual({ start: 7, end: 25 });
    expect(locateTarget("No fever.", "FEVER")).toEqual({ start: 3, end: 8 });
  });
  it("prefers the annotators' upper-case mark, the last one after a header", () => {
    expect(locateTarget("ALLERGIES: He has no known ALLERGIES.", "allergies")).toEqual({ start: 27, end: 36 });
    expect(locateTarget("Cough and COUGH again.", "cough")).toEqual({ start: 10, end: 15 });
  });
  it("returns null when the condition is not in the sentence", () => {
    expect(locateTarget("No fever.", "chills")).toBeNull();
  });
});
