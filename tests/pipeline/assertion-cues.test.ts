/**
 * Cues added for the wordings of held-out sets 6 and 7, each as a general idea with several sentences:
 * a patient's fear names what might happen; a finding stated to be excluded or
 * "not a finding" is negated; a fusion the clinician only appears to see is uncertain.
 */
import { describe, expect, it } from "vitest";
import { assertInSentence } from "../../src/pipeline/context.js";

function assertion(sentence: string, target: string) {
  const start = sentence.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${sentence}"`);
  return assertInSentence(sentence, { start, end: start + target.length, type: "fusion" });
}

describe("a patient's fear names what might happen", () => {
  it.each([
    ["She is worried about fusing like her friend did.", "fusing"],
    ["He is afraid of his neck fusing.", "fusing"],
    ["Patient fears that C1-C2 fusion will follow.", "fusion"],
  ])("%s", (s, t) => expect(assertion(s, t).hypothetical).toBe(true));
});

describe("stated to be excluded or not a finding (negated)", () => {
  it.each([
    ["C1-C2 ankylosis was excluded.", "ankylosis"],
    ["Torticollis; C1-C2 ankylosis excluded by CT.", "ankylosis"],
    ["Atlantoaxial fusion has been refuted by the CT.", "fusion"],
    ["The phrase C1-C2 fusion in the history line was the referral question and is not a finding.", "fusion"],
  ])("%s", (s, t) => expect(assertion(s, t).negated).toBe(true));
});

describe("seen only as an appearance (uncertain)", () => {
  it.each([
    ["C1-C2 appeared to be fused.", "fused"],
    ["It appears that the atlantoaxial joints have ankylosed.", "ankylosed"],
    ["The C1-C2 joint seems fused on this view.", "fused"],
  ])("%s", (s, t) => expect(assertion(s, t).uncertain).toBe(true));
  it("'appears normal' is a description, not a hedge", () => {
    expect(assertion("C1-C2 appears normal; the occiput-C1 joint is fused.", "fused").uncertain).toBe(false);
  });
});

describe("what a disease can do in general (hypothetical)", () => {
  it.each([
    ["She read that arthritis can fuse the neck at C1-C2.", "fuse"],
    ["RA can fuse the atlantoaxial joints over years.", "fuse"],
  ])("%s", (s, t) => expect(assertion(s, t).hypothetical).toBe(true));
});

describe("a comma that opens an inclusion does not end a negation's list", () => {
  it.each([
    ["Patient reports no prior surgeries on her neck, including C1-C2 fusion.", "fusion"],
    ["Denies any operations on the cervical spine, especially fusion.", "fusion"],
  ])("%s", (s, t) => expect(assertion(s, t).negated).toBe(true));
  it("a comma after a long clause still ends it", () => {
    expect(assertion("No bridging bone across the old graft site, C1-C2 fusion solid on CT.", "fusion").negated).toBe(false);
  });
});
