/**
 * How a study's own report is read (sentences written for this test): anatomical sub-headings stay inside the
 * report's findings, a joint space written as kept is an open joint however it is worded, a confirming finding
 * at the region's segments confirms even without the word "fusion", and a hedge with an adverb is a hedge.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { findSections } from "../../src/pipeline/sections.js";

describe("anatomical sub-headings stay in the report's section", () => {
  it.each([
    ["FINDINGS:\nCraniocervical junction: pannus around the dens.\nCord: normal signal.\nIMPRESSION: no fracture.", ["imaging", "imaging", "imaging", "impression"]],
    ["Findings:\nAtlantoaxial: joints fused.\nSubaxial spine: mild spondylosis.", ["imaging", "imaging", "imaging"]],
    ["Plan:\nOrtho spine recs: C1-C2 fusion.", ["plan", "other"]],
    ["HPI: neck pain.\nCord: normal.", ["hpi", "other"]],
  ])("%j", (note, kinds) => {
    expect(findSections(note).filter((s) => s.header).map((s) => s.kind)).toEqual(kinds);
  });
});

const report = (findings: string) =>
  `MRI CERVICAL SPINE\nFindings:\nCraniocervical junction: ${findings}\nImpression:\n1. Ankylosis of C1-C2 secondary to rheumatoid arthritis.\n` +
  "Assessment: rotation limited to 20 degrees.";

describe("a joint space kept, however worded, keeps imaging partial against the impression", () => {
  it.each([
    "Both lateral atlantoaxial joints retain a fluid-signal joint space, 2 mm on each side.",
    "The C1-C2 joint spaces are still visible bilaterally.",
    "Open joint spaces at C1-C2 with synovial enhancement.",
    "Fluid in both lateral atlantoaxial joints.",
    "C1-C2 motion is preserved on the dynamic sequences.",
  ])("%s", (findings) => {
    const r = check(report(findings));
    expect(r.elements.find((e) => e.id === "imaging")!.status).toBe("partial");
    expect(r.verdict).toBe("incomplete");
  });

  it("a joint of the region that is not the fused one does not contradict it, and a finding at the segments confirms", () => {
    const r = check(
      "CT CERVICAL SPINE\nFINDINGS:\nCraniocervical junction: the atlanto-occipital joints are preserved.\nAtlantoaxial: trabecular continuity across the right C1-C2 joint, with no residual joint space.\nIMPRESSION: ankylosis of the right C1-C2 joint due to psoriatic arthritis. Rotation limited.",
    );
    expect(r.elements.find((e) => e.id === "imaging")!.status).toBe("present");
  });
});

describe("hedges and risks with words in between", () => {
  it.each([
    ["My impression is that he may well have an atlantoaxial ankylosis.", "ankylosis"],
    ["This could in fact be a C1-C2 ankylosis.", "ankylosis"],
    ["She might possibly have a fused C1-C2 segment.", "fused"],
  ])("%s", (note, word) => {
    const m = check(note).mentions.find((x) => x.text === word && x.type === "fusion")!;
    expect(m.assertion.uncertain).toBe(true);
  });

  it.each([
    "Plan: posterior C6-T3 fusion scheduled. Risks discussed including infection, hardware failure and pseudarthrosis; patient consented.",
    "Risks reviewed, including nonunion (pseudarthrosis) and adjacent-level disease.",
  ])("a failed fusion named as a risk is no failed fusion: %s", (note) => {
    const r = check(note);
    expect(r.suggestions.map((s) => s.code)).not.toContain("M96.0");
    expect(r.suggestions.map((s) => s.code)).not.toContain("Z98.1");
  });
});

describe("talk about what happens to people is no finding of this patient", () => {
  it.each([
    ["I explained that in poorly controlled RA sometimes C1 and C2 end up fused.", "fused"],
    ["He read online that rheumatoid arthritis fuses the C1-C2 joint.", "fuses"],
    ["Typically, atlantoaxial ankylosis follows decades of uncontrolled disease.", "ankylosis"],
  ])("%s", (note, word) => {
    const m = check(note).mentions.find((x) => x.text === word && x.type === "fusion")!;
    expect(m.assertion.hypothetical).toBe(true);
    expect(check(note).verdict).toBe("not_documented");
  });

  it("a risk listed in parentheses is no failed fusion", () => {
    const r = check("I explained a posterior C1-C2 fusion to stabilise the joint, with its risks (vertebral artery injury, dysphagia, non-union). She declined surgery for now.");
    expect(r.verdict).toBe("not_documented");
    expect(r.suggestions).toEqual([]);
  });
});

it("a complication the note lists as the patient's is no risk", () => {
  const r = check("Known complication: the atlas fused to the occiput as a result of her JIA (no surgery). Imaging reports not in our system.");
  expect(r.verdict).toBe("incomplete");
});
