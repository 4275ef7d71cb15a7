/**
 * The facts passes (src/pipeline/facts/), sentence in, fact out: the site, the origin and the causes of the
 * first finding of a short note, and the findings the note takes back. Each pass is pure; these rows pin
 * what each one reads.
 */
import { describe, expect, it } from "vitest";
import { analyseNote } from "../../src/check.js";
import { modifierGap } from "../../src/pipeline/facts/causes.js";
import { regionsOfLevels } from "../../src/pipeline/facts/site.js";
import { targetOf } from "../../src/pipeline/facts/target.js";

const first = (note: string) => analyseNote(note).facts.findings[0];

/** The finding whose mention is exactly `words` of the note, if the note has one. */
const findingOf = (note: string, words: string) => analyseNote(note).facts.findings.find((f) => note.slice(f.mention.start, f.mention.end) === words);

/** The note has a finding whose mention is exactly `words`, and the site pass gives it `site`. */
const expectSite = (note: string, words: string, site: string) => {
  const f = findingOf(note, words);
  expect(f, `no finding for "${words}"`).toBeDefined();
  expect(f!.site).toBe(site);
};

describe("site pass", () => {
  it.each([
    ["Bony ankylosis of C1-C2.", "region", ["occipito_atlanto_axial"]],
    ["Spontaneous fusion of the atlanto-occipital joints.", "region", ["occipito_atlanto_axial"]],
    ["Ankylosis at the craniocervical junction.", "vague", []],
    ["Ankylosis of C5-C6.", "other_spine", ["cervical"]],
    ["Bony bridging across L3-L4.", "other_spine", ["lumbar"]],
    ["Ankylosis of the right sacroiliac joint.", "other_spine", ["sacral"]],
    ["Fused cervical spine.", "cervical", []],
    ["The spine is fused.", "spine", []],
    ["Fusion of the left knee.", "non_spine", []],
  ])("%s -> %s", (note, site, regions) => {
    const f = first(note)!;
    expect(f.site).toBe(site);
    expect(f.regions).toEqual(regions);
  });
  it.each([
    [[1, 2], ["occipito_atlanto_axial"]],
    [[0, 1], ["occipito_atlanto_axial"]],
    [[2, 3], ["cervical"]],
    [[7, 8], ["cervicothoracic"]],
    [[19, 20], ["thoracolumbar"]],
    [[24, 25], ["lumbosacral"]],
    [[2], ["occipito_atlanto_axial"]],
  ])("levels %j -> %j", (levels, regions) => expect(regionsOfLevels(levels)).toEqual(regions));
});

describe("site pass: an operation through a disc is never at occiput-C1 or C1-C2 (no disc there)", () => {
  it.each([
    ["Lower cervical mobility limited after the two-level ACDF, upper cervical (C1-C2) mobility preserved.", "ACDF", "cervical"],
    ["Rotation at C1-C2 is full; s/p ACDF.", "ACDF", "none"],
    ["Rotation at C1-C2 is full; s/p anterior cervical discectomy and fusion.", "anterior cervical discectomy and fusion", "cervical"],
    ["Interbody fusion at the craniocervical junction was mentioned.", "Interbody fusion", "none"],
    // Levels with a disc stay the operation's site, and other fusions keep O-C2 sites.
    ["S/p ACDF C2-C3 and C5-C6.", "ACDF", "other_spine"],
    ["S/p ACDF C5-C6; rotation at C1-C2 limited.", "ACDF", "other_spine"],
    ["S/p posterior C1-C2 fusion.", "posterior C1-C2 fusion", "region"],
  ])("%s", expectSite);
  it("a fusion with no site of its own does not inherit O-C2 when it is a disc operation", () => {
    const note = "Bony ankylosis of C1-C2 on CT. He also had an ACDF years ago.";
    expect(findingOf(note, "ACDF")!.site).toBe("none");
    expect(findingOf(note, "Bony ankylosis")!.site).toBe("region");
  });
});

describe("site pass: a word for the spine in general speaks of the fusion just described at its levels", () => {
  it.each([
    ["Findings: the C2-C3 and C3-C4 facets are ankylosed. The vertebral contours indicate an acquired fusion.", "fusion", "other_spine"],
    ["Bony ankylosis of C1-C2 on CT. The spinal fusion is solid.", "spinal fusion", "region"],
    // Too far away, the generic word keeps its own site.
    ["Bony ankylosis of C1-C2 on CT. Neck pain. Headache. Poor sleep. The spinal fusion is solid.", "spinal fusion", "spine"],
  ])("%s", expectSite);
});

describe("assertions that keep a fusion from counting: the alternative set aside, a question", () => {
  const found = (note: string, words: string) => findingOf(note, words) !== undefined;
  it.each([
    ["Acquired degenerative fusion rather than a congenital block vertebra.", "congenital block vertebra", false],
    ["This is an acquired ankylosis as opposed to a congenital fusion.", "congenital fusion", false],
    ["Acquired degenerative fusion rather than a congenital block vertebra.", "fusion", true],
    ["He asked whether his neck is fused; rotation is 75 degrees each way.", "fused", false],
    ["She wonders if the C1-C2 joint has fused.", "fused", false],
    ["The C1-C2 joint has fused; she asked whether that explains her headaches.", "fused", true],
  ])("%s [%s] counts: %s", (note, words, counts) => expect(found(note, words)).toBe(counts));
});

describe("fusion worded as bone joining the segments", () => {
  it.each([
    ["The CT shows C1 and C2 joined by solid bone on both sides, with no joint space left.", "joined by solid bone", "region"],
    ["On CT the atlas and axis are united by bone.", "united by bone", "region"],
    ["Her C5 and C6 have grown together.", "grown together", "other_spine"],
  ])("%s", expectSite);
  it("an open alternative put first is uncertain on both sides", () => {
    const note = "Whether this is surgical or a post-traumatic C1-C2 ankylosis, I cannot tell.";
    const f = findingOf(note, "ankylosis");
    expect(f?.uncertain).toBe(true);
  });
});

describe("site pass for another code of the family (the target region as data)", () => {
  const firstFor = (code: string, note: string) => analyseNote(note, targetOf(code)!).facts.findings[0];
  it.each([
    ["M43.26", "Bony bridging across L3-L4.", "region", ["lumbar"]],
    ["M43.26", "Ankylosis of the lumbar spine.", "vague", []],
    ["M43.26", "Lumbar fusion at L3-L4.", "region", ["lumbar"]],
    ["M43.26", "Bony ankylosis of C1-C2.", "other_spine", ["occipito_atlanto_axial"]],
    ["M43.26", "Fused cervical spine.", "other_spine", []],
    ["M43.26", "Ankylosis of the entire spine.", "spine", []],
    ["M43.21", "Ankylosis of the entire spine.", "spine", []],
    ["M43.22", "Fused cervical spine.", "vague", []],
    ["M43.22", "Ankylosis of C5-C6.", "region", ["cervical"]],
    ["M43.22", "Ankylosis at the craniocervical junction.", "other_spine", []],
    ["M43.28", "Ankylosis of the right sacroiliac joint.", "region", ["sacral"]],
    ["M43.28", "Fusion of the coccyx.", "region", ["sacral"]],
    ["M43.28", "Sacral ankylosis.", "vague", []],
    ["M43.25", "Bony ankylosis from T11 to L2.", "region", ["thoracic", "thoracolumbar", "lumbar"]],
    ["M43.20", "The spine is fused.", "spine", []],
    ["M43.20", "Fused cervical spine.", "vague", []],
    ["M43.20", "Ankylosis of the right sacroiliac joint.", "other_spine", ["sacral"]],
  ])("%s: %s -> %s", (code, note, site, regions) => {
    const f = firstFor(code, note)!;
    expect(f.site).toBe(site);
    expect([...f.regions].sort()).toEqual([...regions].sort());
  });
  it("M43.21 is the default target: the same facts as before", () => {
    expect(analyseNote("Ankylosis of C5-C6.").facts.target.code).toBe("M43.21");
    expect(firstFor("M43.21", "Fused cervical spine.")!.site).toBe("cervical");
  });
});

describe("origin pass", () => {
  it.each([
    ["S/p posterior C1-C2 fusion in 2016.", "surgical"],
    ["Prior O-C2 arthrodesis with hardware intact.", "surgical"],
    ["Congenital C1-C2 block vertebra.", "congenital"],
    ["Spontaneous C1-C2 ankylosis, no prior surgery.", "acquired"],
    ["C1-C2 ankylosis on CT.", "unknown"],
    ["CT of the cervical spine performed 11 Feb demonstrated bony ankylosis of C1-C2.", "unknown"],
    ["OPERATIVE NOTE\nProcedure: C2 ganglionectomy. The left C1-C2 joint was found to be solidly fused.", "unknown"],
  ])("%s -> %s", (note, origin) => expect(first(note)!.origin).toBe(origin));
});

describe("a nonunion or fibrous union is a failed fusion only when a fusion was done before this note", () => {
  const pseudarthroses = (note: string) => analyseNote(note).facts.findings.filter((f) => f.kind === "pseudarthrosis").length;
  it.each([
    ["OPERATIVE NOTE\nPre-op dx: nonunion of type II odontoid fracture.\nProcedure performed: posterior C1-C2 arthrodesis.\nFindings: mobile odontoid fragment with fibrous union only.", 0],
    ["Dens fracture in 2024 treated in a collar. CT today: fibrous union of the dens; C1-C2 fusion is planned.", 0],
    ["S/p posterior C1-C2 arthrodesis 2020. Fibrous union at C1-C2 on CT.", 1],
    ["Pseudarthrosis of the C1-C2 arthrodesis on CT; odontoid fracture 2018.", 1],
  ])("%s -> %i", (note, n) => expect(pseudarthroses(note)).toBe(n));
});

describe("causes pass", () => {
  it.each([
    ["C1-C2 ankylosis due to rheumatoid arthritis.", "ra", true, false],
    ["C1-C2 ankylosis, probably from DISH.", "dish", true, true],
    ["Rheumatoid atlantoaxial ankylosis.", "ra", true, false],
    ["Rheumatoid arthritis and C1-C2 ankylosis.", "ra", false, false],
    // A causal word used as a split verb before the fusion, "to" before the cause.
    ["Her rheumatologist attributed the C1-C2 fusion to her seronegative RA.", "ra_seronegative", true, false],
    ["We ascribed the atlantoaxial ankylosis to his long-standing DISH.", "dish", true, false],
  ])("%s -> %s tied=%s hedged=%s", (note, cause, tied, hedged) => {
    const link = first(note)!.causes.find((c) => c.cause === cause)!;
    expect(link).toBeDefined();
    expect(link.tied).toBe(tied);
    expect(link.hedged).toBe(hedged);
  });
  it.each([
    [" ", true],
    ["-related C1-C2 ", true],
    [" atlanto-axial ", true],
    [" one two three four ", false],
    ["-".repeat(80) + " ", false], // over 40 characters: a separator line, no modifier
    ["x".repeat(41), false],
    [" (atlanto-axial) ", true],
    ["-related\u00a0C1-C2\u00a0", true], // non-breaking spaces separate words as spaces do
    ["\u2009", true],
    ["\u2013associated ", true],
    [" and ", false], // a list, not a modifier (lexicons/links.json causeGap listWords)
    [" with C1-C2 ", false],
    [" AND ", false],
    [", ", false],
    [" c1-c2: ", false],
  ])("modifier gap %j -> %s", (gap, ok) => expect(modifierGap(gap)).toBe(ok));
  it.each([
    ["C1-C2 ankylosis after discitis.", "infection", true],
    ["C1-C2 fusion due to her known rheumatoid arthritis.", "ra", true],
    ["I attribute the C1-C2 ankylosis to longstanding DISH.", "dish", true],
    ["The C1-C2 ankylosis is compared to her RA films.", "ra", false],
  ])("%s -> %s tied=%s (links and the words between)", (note, cause, tied) => {
    const link = first(note)!.causes.find((c) => c.cause === cause);
    expect(link, `no ${cause} cause`).toBeDefined();
    expect(link!.tied).toBe(tied);
  });
});

describe("refutation pass", () => {
  it.each([
    ["Outside report states: C1-C2 autofusion.\nIMPRESSION: No C1-C2 fusion.", 0],
    ["DDx: C1-C2 fusion vs degenerative narrowing. CT later showed no fusion.", 0],
    ["Possible C1-C2 fusion. CT: no fusion at C5-C6.", 1],
    ["C1-C2 ankylosis on CT. No fusion at C5-C6.", 1],
  ])("%s -> %i findings left", (note, left) => {
    expect(analyseNote(note).facts.findings.filter((f) => f.site === "region").length).toBe(left);
  });
});
