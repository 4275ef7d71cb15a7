/**
 * The assertion engine, in the medspaCy manner: one trigger, one target, one attribute, with the
 * cue's offsets, for every category, every direction, terminators, pseudo-triggers, colon idioms and
 * section defaults; then the sentences the core checker depends on.
 */
import { describe, expect, it } from "vitest";
import { assertTargets, assertInSentence, compileContext, type ContextTarget } from "../src/pipeline/context.js";
import { ContextLexiconSchema, type ContextLexicon } from "../src/lexicon/context-schema.js";
import type { AssertedSpan, SectionKind } from "../src/types.js";

/** Text put before the sentence, so every offset is checked as a note offset, not a sentence offset. */
const PREFIX = "HPI: İstanbul visit.\n";

interface Run {
  note: string;
  result: AssertedSpan;
  /** Offset of `words` (first occurrence at or after `from` in the sentence) in the note. */
  at: (words: string, from?: number) => number;
}

function run(sentence: string, target: string, opts: { section?: SectionKind; type?: string; occurrence?: number } = {}): Run {
  const note = PREFIX + sentence + "\nPlan: follow up.";
  const base = PREFIX.length;
  let idx = -1;
  for (let n = 0; n <= (opts.occurrence ?? 0); n++) idx = sentence.indexOf(target, idx + 1);
  if (idx < 0) throw new Error(`test setup: "${target}" not in "${sentence}"`);
  const t: ContextTarget = { start: base + idx, end: base + idx + target.length, ...(opts.type ? { type: opts.type } : {}) };
  const [result] = assertTargets(note, { start: base, end: base + sentence.length }, [t], opts.section ?? null);
  for (const cue of result!.cues) expect(note.slice(cue.start, cue.end)).toBe(cue.text);
  return { note, result: result!, at: (words, from = 0) => base + sentence.indexOf(words, from) };
}

/** Expects exactly the given attributes set (others default) and returns the cues by category. */
function expectOnly(r: AssertedSpan, set: Partial<Record<"negated" | "uncertain" | "hypothetical" | "historical" | "other", true>>): void {
  expect({
    negated: r.negated,
    uncertain: r.uncertain,
    hypothetical: r.hypothetical,
    historical: r.historical,
    experiencer: r.experiencer,
  }).toEqual({
    negated: set.negated ?? false,
    uncertain: set.uncertain ?? false,
    hypothetical: set.hypothetical ?? false,
    historical: set.historical ?? false,
    experiencer: set.other ? "other" : "patient",
  });
}

function cueOf(r: AssertedSpan, category: string) {
  const cue = r.cues.find((c) => c.category === category);
  if (!cue) throw new Error(`no ${category} cue in ${JSON.stringify(r.cues)}`);
  return cue;
}

describe("negated", () => {
  it("forward: 'No evidence of C1-C2 fusion.'", () => {
    const r = run("No evidence of C1-C2 fusion.", "C1-C2 fusion");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "No evidence of", start: r.at("No"), end: r.at("No") + 14, rule: "neg.no-evidence-of" });
  });
  it("forward: 'She denies trauma.'", () => {
    const r = run("She denies trauma.", "trauma");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "denies", start: r.at("denies") });
  });
  it("forward: 'No hardware.', 'without myelopathy', 'negative for radiculopathy'", () => {
    expectOnly(run("No hardware.", "hardware").result, { negated: true });
    const w = run("Gait steady without myelopathy.", "myelopathy");
    expectOnly(w.result, { negated: true });
    expect(cueOf(w.result, "negated").text).toBe("without");
    const n = run("EMG negative for radiculopathy.", "radiculopathy");
    expectOnly(n.result, { negated: true });
    expect(cueOf(n.result, "negated")).toMatchObject({ text: "negative for", start: n.at("negative") });
  });
  it("a list after 'denies' negates every item", () => {
    const s = "She denies fever, chills, neck pain or weakness.";
    for (const item of ["fever", "chills", "neck pain", "weakness"]) expectOnly(run(s, item).result, { negated: true });
  });
  it("a long templated ROS line after 'negative for' negates the last item too", () => {
    const s =
      "ROS: Negative for fever, chills, neck pain, weight loss, night sweats, headache, dizziness, vision change, hearing loss, sore throat, cough, dyspnea, palpitations, nausea, vomiting, dysuria or rash.";
    const r = run(s, "rash");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "Negative for", start: r.at("Negative") });
  });
  it("backward: 'Pneumonia has resolved.' (resolved conditions count as negated)", () => {
    const r = run("Pneumonia has resolved.", "Pneumonia");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "has resolved", start: r.at("has resolved"), rule: "neg.post.has-resolved" });
  });
  it("forward: 'lack of bony bridging'", () => {
    expectOnly(run("CT shows lack of bony bridging at C1-C2.", "bony bridging").result, { negated: true });
  });
  it("backward: 'Surgery is not indicated at this time.'", () => {
    const r = run("Surgery is not indicated at this time.", "Surgery");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "not indicated", rule: "neg.post.not-indicated" });
  });
  it("backward: 'Fracture was ruled out.'", () => {
    const r = run("Fracture was ruled out.", "Fracture");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated").text).toBe("ruled out");
  });
  it("does not reach a target before a forward trigger", () => {
    expectOnly(run("Fusion noted; no hardware.", "Fusion").result, {});
  });
  it("the trigger nearest the target is the cue", () => {
    const r = run("No fever, denies cough.", "cough");
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "denies", start: r.at("denies") });
  });
  it("'the fusion is solid, no pseudarthrosis': fusion affirmed, pseudarthrosis negated", () => {
    expectOnly(run("The fusion is solid, no pseudarthrosis.", "fusion").result, {});
    const p = run("The fusion is solid, no pseudarthrosis.", "pseudarthrosis");
    expectOnly(p.result, { negated: true });
    expect(cueOf(p.result, "negated")).toMatchObject({ text: "no", start: p.at("no pseud") });
  });
});

describe("colon and dash idioms", () => {
  it("'Fusion: none'", () => {
    const r = run("Fusion: none", "Fusion");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: ": none", start: r.at(":"), rule: "neg.idiom.colon" });
  });
  it("'Chest pain - denies'", () => {
    const r = run("Chest pain - denies", "Chest pain");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "- denies", start: r.at("-") });
  });
  it("'ALLERGIES - NONE.'", () => {
    expectOnly(run("ALLERGIES - NONE.", "ALLERGIES").result, { negated: true });
  });
  it("'ROS: negative for fever' negates across the header colon", () => {
    const r = run("ROS: negative for fever.", "fever");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated").start).toBe(r.at("negative"));
  });
  it("a dash before 'denies' that goes on is not the idiom", () => {
    const r = run("Seen today - denies fever.", "fever");
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "denies", rule: "neg.denies" });
  });
  it("a later field's colon ends a forward scope", () => {
    expectOnly(run("No acute distress HEENT: scleral icterus.", "scleral icterus").result, {});
  });
});

describe("pseudo-triggers", () => {
  it("'No change in the C1-C2 ankylosis' is not a negation", () => {
    const r = run("No change in the C1-C2 ankylosis.", "C1-C2 ankylosis");
    expectOnly(r.result, {});
    expect(r.result.cues).toEqual([]);
  });
  it("'no increase', 'not only', 'gram negative'", () => {
    expectOnly(run("No increase in the effusion.", "effusion").result, {});
    expectOnly(run("Not only fusion but also subluxation.", "fusion").result, {});
    expectOnly(run("Gram negative rods in the culture.", "rods").result, {});
  });
  it("a target inside the pseudo-trigger's own words is still negated ('no change in vision')", () => {
    const r = run("ROS: no change in vision.", "change in vision");
    expectOnly(r.result, { negated: true });
    expect(cueOf(r.result, "negated")).toMatchObject({ text: "no", start: r.at("no") });
  });
  it("'history of present illness' is not a historical cue", () => {
    expectOnly(run("History of present illness: neck pain.", "neck pain").result, {});
  });
  it("'per her mother' names the informant, not the experiencer", () => {
    expectOnly(run("Per her mother, she had a fever.", "fever").result, {});
  });
});

describe("terminators", () => {
  it("'but' ends a negation", () => {
    expectOnly(run("No fever but has a cough.", "cough").result, {});
    expectOnly(run("No fever but has a cough.", "fever").result, { negated: true });
  });
  it("'however', 'which', 'aside from' end scopes", () => {
    expectOnly(run("Denies chest pain, however reports dyspnea.", "dyspnea").result, {});
    expectOnly(run("No fracture which explains the C1-C2 fusion.", "C1-C2 fusion").result, {});
    expectOnly(run("No abnormality aside from the C1-C2 fusion.", "C1-C2 fusion").result, {});
  });
  it("a terminator stops a backward scope too", () => {
    expectOnly(run("Cough improved but fever has resolved.", "Cough").result, {});
  });
  it("the sentence end stops a scope inside a multi-sentence span", () => {
    expectOnly(run("No fever. Fusion at C1-C2.", "Fusion").result, {});
  });
  it("a new clause with its own subject ends a scope", () => {
    expectOnly(run("Due to no evidence of bleeding, the patient remained hemodynamically stable.", "hemodynamically stable").result, {});
    expectOnly(run("He is not cooperative and he is difficult to examine.", "difficult to examine").result, {});
  });
  it("a comma then a cause ends a list: 'C1 fused to C2 without instability, from erosive rheumatoid arthritis'", () => {
    expectOnly(run("C1 fused to C2 without instability, from erosive rheumatoid arthritis.", "rheumatoid arthritis").result, {});
    expectOnly(run("C1 fused to C2 without instability, from erosive rheumatoid arthritis.", "instability").result, { negated: true });
  });
  it("an opening parenthesis ends a backward trigger inside it: 'Seronegative rheumatoid arthritis (RF negative)'", () => {
    expectOnly(run("Seronegative rheumatoid arthritis, diagnosed 2010 (RF negative, CCP negative).", "rheumatoid arthritis").result, {});
    expectOnly(run("Seronegative rheumatoid arthritis, diagnosed 2010 (RF negative, CCP negative).", "RF").result, { negated: true });
  });
  it("a negated list goes on past a comma only while its items are short", () => {
    const s = "CT: no bridging bone across the graft, lucency around the wires (pseudarthrosis).";
    expectOnly(run(s, "bridging bone").result, { negated: true });
    expectOnly(run(s, "pseudarthrosis").result, {});
    expectOnly(run("There were no stress induced chest pain, ischemic EKG changes or wall motion abnormalities.", "wall motion abnormalities").result, { negated: true });
  });
  it("a spaced dash separates items, but not two levels ('C1 - C2')", () => {
    expectOnly(run("A/P: - R/O atlantoaxial ankylosis - CT C-spine ordered", "CT C-spine").result, {});
    expectOnly(run("No fusion at C1 - C2.", "C2").result, { negated: true });
  });
  it("the study that shows an absence is not absent: 'no instability on dynamic films'", () => {
    expectOnly(run("Stable, no instability on dynamic films.", "dynamic films").result, {});
    expectOnly(run("Stable, no instability on the CT.", "CT").result, {});
  });
  it("'MRI not diagnostic for the fusion' leaves the fusion uncertain, not negated", () => {
    const r = run("MRI not diagnostic for the fusion.", "fusion");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "not diagnostic for", rule: "unc.not-diagnostic-for" });
    expectOnly(run("The MRI does not confirm the fusion.", "fusion").result, { uncertain: true });
  });
  it("a closing parenthesis ends a trigger opened inside it", () => {
    expectOnly(run("Report (slides not submitted) indicates fusion.", "fusion").result, {});
  });
});

describe("maximum scope", () => {
  it("a trigger with maxScope 2 does not reach the third word", () => {
    expect(run("Former heavy smoker.", "smoker").result.negated).toBe(true);
    expect(run("Former heavy daily smoker.", "smoker").result.negated).toBe(false);
  });
});

describe("alternatives", () => {
  it("a sentence that opens with a hedge hedges each alternative it lists, past commas", () => {
    const s = "It could be an old posterior C1-C2 arthrodesis done without hardware, or a spontaneous post-traumatic ankylosis after the injury.";
    expectOnly(run(s, "post-traumatic ankylosis").result, { uncertain: true });
    expectOnly(run("This may represent congenital fusion, or rather an acquired ankylosis from JIA.", "acquired ankylosis").result, { uncertain: true });
    // Not a hedge when it does not open the sentence.
    expectOnly(run("She says it could be worse; CT shows C1-C2 ankylosis from RA.", "C1-C2 ankylosis").result, {});
  });
  it("an impression reported as such ('it appeared that') hedges the whole clause after it", () => {
    expectOnly(run("On review today it appeared that the left C1-C2 lateral mass joint had fused; the right is open.", "fused").result, { uncertain: true });
    expectOnly(run("It seems that the atlanto-occipital joints have become completely ankylosed.", "ankylosed").result, { uncertain: true });
    expectOnly(run("It appeared that; CT then showed C1-C2 ankylosis.", "C1-C2 ankylosis").result, {});
  });
  it("an alternative after ', or a' is out of the negation's list", () => {
    expectOnly(run("An old arthrodesis done without hardware, or a spontaneous ankylosis after trauma.", "spontaneous ankylosis").result, {});
    expectOnly(run("No fever, chills or night sweats.", "night sweats").result, { negated: true });
    expectOnly(run("Without hardware, grafts, or wires.", "wires").result, { negated: true });
  });
});

describe("uncertain", () => {
  it("forward: 'Possible early bony bridging at C1-C2.'", () => {
    const r = run("Possible early bony bridging at C1-C2.", "bony bridging");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "Possible", start: r.at("Possible"), rule: "unc.possible" });
  });
  it("forward: 'cannot exclude fusion' (not a negation)", () => {
    const r = run("Cannot exclude fusion.", "fusion");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain").text).toBe("Cannot exclude");
  });
  it("backward: 'Fusion is not excluded' (not a negation)", () => {
    const r = run("Fusion is not excluded.", "Fusion");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "is not excluded", start: r.at("is not") });
  });
  it("'likely related to rheumatoid arthritis'", () => {
    const r = run("Ankylosis likely related to rheumatoid arthritis.", "rheumatoid arthritis");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain").text).toBe("likely");
  });
  it("'there is possible early bony bridging' (inside 'is possible', read both ways)", () => {
    const r = run("On the left there is possible early bony bridging.", "bony bridging");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "is possible", start: r.at("is possible") });
    expectOnly(run("Early fusion is possible.", "fusion").result, { uncertain: true });
  });
  it("a question asserts nothing: 'Question: is the upper neck fused or unstable?'", () => {
    const r = run("Question: is the upper neck fused or unstable?", "fused");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "?", rule: "unc.post.question-mark" });
  });
  it("a question mark written onto a word questions what follows, not what precedes", () => {
    const r = run("?C1/C2 fusion on plain film - questionable, CT to follow.", "C1/C2 fusion");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "?", start: r.at("?"), end: r.at("?") + 1, rule: "unc.question-prefix" });
    expectOnly(run("Clinical: ankylosed atlanto-occipital joints, ?inflammatory vs degenerative.", "ankylosed").result, {});
  });
  it("'unclear whether' is a doubt, not a condition", () => {
    expectOnly(run("It is unclear whether the fusion is surgical.", "fusion").result, { uncertain: true });
    expectOnly(run("It is not clear if the fusion is complete.", "fusion").result, { uncertain: true });
  });
  it("'I cannot call it a completed fusion'", () => {
    expectOnly(run("At present I cannot call it a completed fusion.", "fusion").result, { uncertain: true });
  });
  it("a cause does not end a doubt: 'Ankylosis of C1-C2, likely secondary to RA.'", () => {
    const r = run("Ankylosis of C1-C2, likely secondary to RA.", "RA");
    expectOnly(r.result, { uncertain: true });
    expect(cueOf(r.result, "uncertain")).toMatchObject({ text: "likely", start: r.at("likely") });
    expectOnly(run("Ankylosis of C1-C2, likely secondary to RA.", "Ankylosis").result, {});
  });
  it("'questionable', 'probable'", () => {
    expectOnly(run("Questionable ankylosis at C1-C2.", "ankylosis").result, { uncertain: true });
    expectOnly(run("Probable atlantoaxial fusion.", "atlantoaxial fusion").result, { uncertain: true });
  });
});

describe("hypothetical", () => {
  it("forward: 'Rule out atlantoaxial ankylosis.'", () => {
    const r = run("Rule out atlantoaxial ankylosis.", "atlantoaxial ankylosis");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical")).toMatchObject({ text: "Rule out", start: r.at("Rule"), rule: "hyp.rule-out" });
  });
  it("forward: 'Evaluate for C1-C2 fusion.'", () => {
    const r = run("Evaluate for C1-C2 fusion.", "C1-C2 fusion");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical").text).toBe("Evaluate for");
  });
  it("forward: 'If symptoms worsen, consider C1-C2 fusion.'", () => {
    const r = run("If symptoms worsen, consider C1-C2 fusion.", "C1-C2 fusion");
    expectOnly(r.result, { hypothetical: true });
    // The condition governs the advice after it: among hypothetical cues a conditional one decides (domain HYPOTHETICAL_PRIORITY).
    expect(cueOf(r.result, "hypothetical")).toMatchObject({ text: "If", start: r.at("If") });
    expectOnly(run("If symptoms worsen, consider C1-C2 fusion.", "symptoms").result, { hypothetical: true });
  });
  it("plans: 'planned occipitocervical fusion', 'scheduled for C1-C2 arthrodesis'", () => {
    const p = run("Planned occipitocervical fusion.", "occipitocervical fusion");
    expectOnly(p.result, { hypothetical: true });
    expect(cueOf(p.result, "hypothetical").text).toBe("Planned");
    const s = run("She is scheduled for C1-C2 arthrodesis.", "C1-C2 arthrodesis");
    expectOnly(s.result, { hypothetical: true });
    expect(cueOf(s.result, "hypothetical")).toMatchObject({ text: "scheduled for", start: s.at("scheduled") });
  });
  it("return precautions: 'Return if fever or chills develop.'", () => {
    expectOnly(run("Return to the ED if fever or chills develop.", "chills").result, { hypothetical: true });
  });
  it("backward: 'posterior C1-C2 fusion (Harms) scheduled for 12/9'", () => {
    const r = run("Plan: posterior C1-C2 fusion (Harms) scheduled for 12/9.", "C1-C2 fusion");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical")).toMatchObject({ text: "scheduled for", start: r.at("scheduled") });
  });
  it("generic statements and consent talk: 'RA can affect the upper neck, sometimes causing fusion', 'risks including pseudarthrosis'", () => {
    expectOnly(run("Discussed that rheumatoid arthritis can affect the upper neck, sometimes causing spontaneous fusion of C1-C2.", "spontaneous fusion").result, { hypothetical: true });
    expectOnly(run("Consent obtained; risks including pseudarthrosis discussed.", "pseudarthrosis").result, { hypothetical: true });
  });
  it.each([
    ["Plan: posterior C1-C2 fusion (Harms technique) scheduled 05/14/2026.", "C1-C2 fusion", "hyp.post.scheduled-date"],
    ["We discussed the risks, including pseudarthrosis and dysphagia.", "pseudarthrosis", "hyp.risks-comma-including"],
    ["Progressive instability would prompt consideration of occiput-C2 fusion.", "occiput-C2 fusion", "hyp.would-require"],
    ["Further slippage may require C1-C2 fusion.", "C1-C2 fusion", "hyp.would-require"],
    ["CT would better characterize osseous bridging.", "osseous bridging", "hyp.would-better-characterize"],
  ])("plans, consent talk and recommendations: %s", (sentence, target, rule) => {
    const r = run(sentence, target);
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical").rule).toBe(rule);
  });
  it.each([
    ["On imaging I cannot tell whether this is congenital assimilation of the atlas or acquired ankylosis from her JIA.", "ankylosis", "uncertain", "unc.cannot-tell-whether"],
    ["[ ] Z98.1 Arthrodesis status [x] I10 Essential hypertension", "Arthrodesis status", "negated", "neg.unchecked-box"],
    ["The previously noted C1-C2 fusion was an overcall.", "C1-C2 fusion", "negated", "neg.post.overcall"],
  ] as const)("differentials, unticked boxes, refuted readings: %s", (sentence, target, category, rule) => {
    const r = run(sentence, target);
    expect(r.result[category === "negated" ? "negated" : "uncertain"]).toBe(true);
    expect(cueOf(r.result, category).rule).toBe(rule);
  });
  it.each([
    ["[ ] Q76.1 Klippel-Feil [x] M43.21 Fusion of spine", "Fusion of spine", "a ticked box ends an unticked one's negation"],
    ["Bony bridging; no residual joint space at C1-C2.", "C1-C2", "the absent joint space is the finding, not a denial of C1-C2"],
    ["C1-C2 fusion performed 05/14/2019 without complication.", "C1-C2 fusion", "a dated operation that was done is no plan"],
  ])("asserts nothing: %s", (sentence, target) => {
    expectOnly(run(sentence, target).result, {});
  });
  it("work-up: 'CT to determine whether C1-C2 fusion is present'", () => {
    const r = run("CT to determine whether C1-C2 fusion is present.", "C1-C2 fusion");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical").rule).toBe("hyp.determine-whether");
  });
  it("a reason for referral is not a plan: 'Referred for neck stiffness.'", () => {
    expectOnly(run("Referred for dysphagia and neck stiffness.", "neck stiffness").result, {});
  });
  it("a future date or plan after the mention: 'posterior C1-C2 fusion next month', '... will be performed'", () => {
    const r = run("Plan: posterior C1-C2 fusion next month.", "C1-C2 fusion");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical")).toMatchObject({ text: "next month", rule: "hyp.post.next-period" });
    expectOnly(run("C1-C2 arthrodesis in 6 weeks.", "C1-C2 arthrodesis").result, { hypothetical: true });
    expectOnly(run("Occipitocervical fusion will be performed by Dr. A.", "Occipitocervical fusion").result, { hypothetical: true });
    expectOnly(run("She will undergo C1-C2 fusion.", "C1-C2 fusion").result, { hypothetical: true });
  });
  it("backward: 'Occipitocervical fusion is planned.'", () => {
    const r = run("Occipitocervical fusion is planned.", "Occipitocervical fusion");
    expectOnly(r.result, { hypothetical: true });
    expect(cueOf(r.result, "hypothetical")).toMatchObject({ text: "is planned", start: r.at("is planned") });
  });
  it("'as scheduled' and 'if needed' are not hypothetical cues", () => {
    expectOnly(run("Follow-up as scheduled for neck pain.", "neck pain").result, {});
    expectOnly(run("Analgesics if needed for neck pain.", "neck pain").result, {});
  });
});

describe("historical", () => {
  it("forward: 's/p occipitocervical fusion in 2019'", () => {
    const r = run("s/p occipitocervical fusion in 2019", "occipitocervical fusion");
    expectOnly(r.result, { historical: true });
    expect(cueOf(r.result, "historical")).toMatchObject({ text: "s/p", start: r.at("s/p"), end: r.at("s/p") + 3, rule: "hist.sp" });
  });
  it("backward: 'C1-C2 fusion in 2019.'", () => {
    const r = run("C1-C2 fusion in 2019.", "C1-C2 fusion");
    expectOnly(r.result, { historical: true });
    expect(cueOf(r.result, "historical")).toMatchObject({ text: "in 2019", start: r.at("in 2019"), rule: "hist.post.in-year" });
  });
  it("'history of', 'prior', 'status post'", () => {
    expectOnly(run("History of rheumatoid arthritis.", "rheumatoid arthritis").result, { historical: true });
    expectOnly(run("Prior C1-C2 arthrodesis.", "C1-C2 arthrodesis").result, { historical: true });
    expectOnly(run("Status post occipitocervical fusion.", "occipitocervical fusion").result, { historical: true });
  });
  it("the target's own words are not its cues ('no joint space' as one finding mention)", () => {
    expectOnly(run("Atlanto-axial joints fused, no joint space seen.", "no joint space").result, {});
    expectOnly(run("Status post CABG.", "Status post CABG").result, {});
  });
  it("'her previous rheumatologist' dates the clinician, not the fusion", () => {
    expectOnly(run("Her previous rheumatologist attributed the C1-C2 fusion to RA.", "C1-C2 fusion").result, {});
  });
  it("'a one-day history of' is a recent complaint", () => {
    expectOnly(run("Presents with a one-day history of neck pain.", "neck pain").result, {});
  });
  it("'recent' ends a history list", () => {
    expectOnly(run("History of ESRD and recent diagnosis of PE.", "PE").result, {});
  });
});

describe("experiencer", () => {
  it("forward: 'Mother with ankylosing spondylitis.'", () => {
    const r = run("Mother with ankylosing spondylitis.", "ankylosing spondylitis");
    expectOnly(r.result, { other: true });
    expect(cueOf(r.result, "experiencer")).toMatchObject({ text: "Mother", start: r.at("Mother"), rule: "exp.relative" });
  });
  it("what a relative has runs on through the clause, up to a new subject", () => {
    expectOnly(run("He is worried because his wife has RA and had her C1-C2 fused last year.", "C1-C2 fused").result, { other: true });
    expectOnly(run("Her mother has Klippel-Feil syndrome with fused C1-C2 and C4-C5.", "fused C1-C2").result, { other: true });
    expectOnly(run("His mother has RA and the patient has C1-C2 ankylosis.", "C1-C2 ankylosis").result, {});
  });
  it("backward: 'Ankylosing spondylitis in his father.'", () => {
    const r = run("Ankylosing spondylitis in his father.", "Ankylosing spondylitis");
    expectOnly(r.result, { other: true });
    expect(cueOf(r.result, "experiencer")).toMatchObject({ text: "father", start: r.at("father") });
  });
  it("'maternal' and 'paternal' relatives", () => {
    expectOnly(run("Maternal aunt with ankylosing spondylitis.", "ankylosing spondylitis").result, { other: true });
  });
  it("'mother-in-law' is a relative too", () => {
    expectOnly(run("Mother-in-law with rheumatoid arthritis.", "rheumatoid arthritis").result, { other: true });
  });
  it("a relative in the patient's company or speaking for the patient is not the experiencer", () => {
    expectOnly(run("Lives with her husband, has neck stiffness.", "neck stiffness").result, {});
    expectOnly(run("Discussed with his mother the neck stiffness.", "neck stiffness").result, {});
    expectOnly(run("Wife reports he has neck stiffness.", "neck stiffness").result, {});
  });
  it("a 'who' or 'whose' clause after a relative or friend just named is theirs; after the patient it is nobody else's", () => {
    for (const [sentence, target] of [
      ["Accompanied by his mother, Ms. Ana Ruiz, who has Klippel-Feil syndrome with fused C1-C2.", "fused C1-C2"],
      ["Her sister, who has had RA for decades and whose C1 and C2 fused long ago, came with her.", "C1 and C2 fused"],
      ["Seen with her neighbour who had C1-C2 ankylosis from juvenile arthritis.", "C1-C2 ankylosis"],
      ["His twin brothers, who both have atlantoaxial fusion, were not examined.", "atlantoaxial fusion"],
    ] as const) {
      const r = run(sentence, target);
      expectOnly({ ...r.result, historical: false }, { other: true });
      expect(["exp.relative-who", "exp.relative"]).toContain(cueOf(r.result, "experiencer").rule);
    }
    expectOnly(run("The patient, who has RA, has C1-C2 ankylosis on CT.", "C1-C2 ankylosis").result, {});
    expectOnly(run("Dr. Lee, who reviewed the CT, confirms C1-C2 ankylosis.", "C1-C2 ankylosis").result, {});
    // A new subject ends the relative's clause.
    expectOnly(run("Her mother, who has RA, says she has C1-C2 ankylosis.", "C1-C2 ankylosis").result, {});
  });
  it("whose a condition is, said after it: 'are his mother's', 'belongs to her sister'", () => {
    expectOnly(run("The Klippel-Feil syndrome and the C1-C2 fusion are his mother's.", "Klippel-Feil syndrome").result, { other: true });
    expectOnly(run("The fused C2-C3 in the outside letter belongs to her sister.", "fused C2-C3").result, { other: true });
    expectOnly(run("The C1-C2 fusion is her own, not her mother's.", "C1-C2 fusion").result, {});
  });
  it("a relative's possessive owns the body part or condition after it (or before it, 'like my aunt's')", () => {
    for (const [sentence, target] of [
      ["Her mother's top two neck vertebrae fused years ago because of RA.", "fused"],
      ["His brother's C1-C2 ankylosis was found on a trauma CT.", "C1-C2 ankylosis"],
      ["She asked whether her neck was fusing like her aunt's did.", "fusing"],
    ] as const) {
      expectOnly({ ...run(sentence, target).result, historical: false }, { other: true });
    }
    // A relative's event is no condition of theirs, and a new subject ends the reach.
    expectOnly(run("She postponed the CT until after her daughter's wedding; C1-C2 ankylosis is likely.", "C1-C2 ankylosis").result, { uncertain: true });
    expectOnly(run("Her mother's visit went well. C1-C2 ankylosis on CT.", "C1-C2 ankylosis").result, {});
  });
  it("'family history of' makes the relative the experiencer (and the mention history)", () => {
    const r = run("Family history of rheumatoid arthritis.", "rheumatoid arthritis");
    expectOnly(r.result, { other: true, historical: true });
    expect(cueOf(r.result, "experiencer")).toMatchObject({ text: "Family history", rule: "exp.family-history" });
  });
});

describe("section defaults", () => {
  it("family history => experiencer other, cue 'section:family_history' (an empty span at the sentence start)", () => {
    const r = run("Ankylosing spondylitis.", "Ankylosing spondylitis", { section: "family_history" });
    expect(r.result.experiencer).toBe("other");
    const cue = cueOf(r.result, "experiencer");
    expect(cue).toEqual({ category: "experiencer", text: "", start: PREFIX.length, end: PREFIX.length, rule: "section:family_history" });
  });
  it("past surgical history => historical", () => {
    const r = run("C1-C2 arthrodesis.", "C1-C2 arthrodesis", { section: "psh" });
    expectOnly(r.result, { historical: true });
    expect(cueOf(r.result, "historical").rule).toBe("section:psh");
  });
  it("a trigger in the sentence names the cue instead of the default", () => {
    const r = run("Mother with ankylosing spondylitis.", "ankylosing spondylitis", { section: "family_history" });
    expect(cueOf(r.result, "experiencer").rule).toBe("exp.relative");
  });
  it("no default outside those sections", () => {
    expectOnly(run("C1-C2 arthrodesis.", "C1-C2 arthrodesis", { section: "assessment" }).result, {});
  });
});

describe("several targets in one sentence", () => {
  it("each target gets its own assertion from one pass", () => {
    const note = "Fusion at C1-C2 is solid; no hardware failure or pseudarthrosis.";
    const targets = ["Fusion", "hardware failure", "pseudarthrosis"].map((w) => ({ start: note.indexOf(w), end: note.indexOf(w) + w.length }));
    const out = assertTargets(note, { start: 0, end: note.length }, targets, null);
    expect(out.map((a) => a.negated)).toEqual([false, true, true]);
  });
  it("returns [] for no targets", () => {
    expect(assertTargets("No fusion.", { start: 0, end: 10 }, [], null)).toEqual([]);
  });
});

describe("target types and custom lexicons", () => {
  const lexicon: ContextLexicon = ContextLexiconSchema.parse({
    version: 1,
    defaultMaxScope: { negated: 5, uncertain: 5, hypothetical: 5, historical: 5, experiencer: 5 },
    sectionDefaults: [],
    rules: [
      { id: "t.planned", category: "hypothetical", literal: "planned", direction: "forward", targetTypes: ["surgery"], hypotheticalKind: "planned" },
      { id: "t.no", category: "negated", literal: "no", direction: "forward" },
      { id: "t.stop", category: "negated", literal: "yet", direction: "terminate" },
    ],
  });
  const ctx = compileContext(lexicon);
  it("a rule limited to some mention types applies only to them", () => {
    const s = "planned fusion";
    const t = { start: 8, end: 14 };
    expect(assertInSentence(s, { ...t, type: "surgery" }, ctx).hypothetical).toBe(true);
    expect(assertInSentence(s, { ...t, type: "fusion" }, ctx).hypothetical).toBe(false);
    expect(assertInSentence(s, t, ctx).hypothetical).toBe(false);
  });
  it("a category's terminator ends that category's scope", () => {
    const s = "no pain yet fusion";
    expect(assertInSentence(s, { start: 3, end: 7 }, ctx).negated).toBe(true);
    expect(assertInSentence(s, { start: 12, end: 18 }, ctx).negated).toBe(false);
  });
});

describe("offsets", () => {
  it("cue text always equals the note's slice, with an expanding-lowercase letter before the sentence", () => {
    const note = "İİİ. Patient denies neck pain.";
    const start = note.indexOf("neck pain");
    const [r] = assertTargets(note, { start: 5, end: note.length }, [{ start, end: start + 9 }], null);
    const cue = cueOf(r!, "negated");
    expect(note.slice(cue.start, cue.end)).toBe("denies");
    expect(cue.start).toBe(note.indexOf("denies"));
  });
});
