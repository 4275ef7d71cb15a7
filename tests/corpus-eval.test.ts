/**
 * The acceptance thresholds on the evaluation corpus (corpus/notes): verdict accuracy >= 0.90 and
 * micro-averaged missing-element F1 >= 0.85, with no schema or offset violation in any result.
 * `npm run eval` prints the full report (confusion matrix and every disagreement) behind these numbers.
 */
import { describe, expect, it } from "vitest";
import { runCorpus, score } from "../bench/lib/corpus.js";

const outcomes = runCorpus();
const report = score(outcomes);
const listing = (kind: string) =>
  report.disagreements.filter((d) => d.kind === kind).map((d) => `${d.id}: ${d.detail}`).join("\n");

describe("evaluation corpus", () => {
  it("has the 100+ notes the issue asks for", () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(100);
  });

  it("every result validates against ResultSchema and every span slices its note exactly", () => {
    expect(report.violations, report.violations.map((v) => `${v.id}: ${v.problem}`).join("\n")).toEqual([]);
  });

  it("verdict accuracy is at least 0.90", () => {
    expect(report.verdictAccuracy, `verdict disagreements:\n${listing("verdict")}`).toBeGreaterThanOrEqual(0.9);
  });

  it("micro-averaged missing-element F1 is at least 0.85", () => {
    expect(report.microMissing.f1, `element disagreements:\n${listing("element")}`).toBeGreaterThanOrEqual(0.85);
  });
});
