/**
 * Provider queries, sentence in, options out: the query that asks about the cause offers every cause the note
 * documents for the patient (issue 11: leaving a documented alternative out is what makes a query leading),
 * and none it denies or gives to someone else; each query quotes its indicators with their section and date.
 */
import { describe, expect, it } from "vitest";
import { analyseNote, check } from "../../src/check.js";
import { findDates } from "../../src/pipeline/dates.js";
import { indicatorOf } from "../../src/pipeline/queries.js";
import type { QueryDetail } from "../../src/schema.js";

const CT = "\nCT C-spine: bony bridging across C1-C2.";

function queryOf(note: string, closes: QueryDetail["closes"]): QueryDetail {
  const q = check(note).queryDetails.find((d) => d.closes === closes);
  expect(q, `a query that closes ${closes}`).toBeDefined();
  return q!;
}

const answers = (q: QueryDetail) => q.options.filter((o) => o.kind === "answer").map((o) => o.label);

describe("the cause query offers every documented cause", () => {
  it.each([
    [
      "?inflammatory vs degenerative",
      "Assessment: C1-C2 ankylosis, ?inflammatory vs degenerative." + CT,
      ["Due to inflammatory arthritis", "Due to degenerative disease"],
    ],
    [
      "an RA history with a degenerative hedge",
      "PMH: rheumatoid arthritis.\nAssessment: C1-C2 ankylosis, possibly degenerative." + CT,
      ["Due to rheumatoid arthritis", "Due to degenerative disease"],
    ],
    [
      "several hedged causes",
      "Assessment: acquired C1-C2 ankylosis likely related to DISH or psoriatic arthritis." + CT,
      ['Due to diffuse idiopathic skeletal hyperostosis ("DISH")', "Due to psoriatic arthritis"],
    ],
    [
      "named causes not tied to the fusion",
      "History: gout, lupus and RA.\nAssessment: C1-C2 ankylosis." + CT,
      ["Due to gout", "Due to lupus", 'Due to rheumatoid arthritis ("RA")'],
    ],
    [
      "a generic name and the specific disease it stands for, one option",
      "History: seronegative RA for 20 years.\nAssessment: C1-C2 ankylosis, possibly related to the RA." + CT,
      ['Due to seronegative rheumatoid arthritis ("seronegative RA", "RA")'],
    ],
    [
      "the nearest word in the note's own spelling, by its neutral name",
      "HPI: C1-C2 ankylosis, possibly RA-related." + CT,
      ['Due to rheumatoid arthritis ("RA-related")'],
    ],
  ])("%s", (_name, note, expected) => {
    const q = queryOf(note, "underlying_condition");
    const got = answers(q);
    for (const label of expected) expect(got).toContain(label);
    // One option per cause, then the same fixed answers.
    expect(got.slice(expected.length)).toEqual([
      ...(expected.length > 1 ? ["Due to more than one of these conditions (please specify)"] : []),
      "Due to another condition (please specify)",
      "Not related to an identified condition",
    ]);
    // Each cause option points at the note's words for it.
    for (const o of q.options.filter((x) => expected.includes(x.label))) expect(o.evidence.length).toBeGreaterThan(0);
  });

  it("does not offer a cause the note denies or gives to a relative", () => {
    const q = queryOf("PMH: no history of rheumatoid arthritis. Mother has psoriatic arthritis.\nAssessment: C1-C2 ankylosis, possibly degenerative." + CT, "underlying_condition");
    expect(answers(q)).toEqual(["Due to degenerative disease", "Due to another condition (please specify)", "Not related to an identified condition"]);
  });

  it("asks for the condition when the note names none", () => {
    const q = queryOf("Assessment: C1-C2 ankylosis." + CT, "underlying_condition");
    expect(answers(q)).toEqual(["Condition as follows (please specify)", "No underlying condition identified"]);
  });

  it("offers every documented cause as an acquired origin, beside surgery and congenital fusion", () => {
    const q = queryOf("PMH: rheumatoid arthritis.\nAssessment: C1-C2 ankylosis, ?inflammatory vs degenerative." + CT, "etiology");
    expect(answers(q)).toEqual([
      "Acquired ankylosis due to rheumatoid arthritis",
      "Acquired ankylosis due to inflammatory arthritis",
      "Acquired ankylosis due to degenerative disease",
      "Acquired ankylosis due to another disease process (please specify)",
      "Result of a prior surgical arthrodesis",
      "Congenital fusion",
    ]);
  });
});

describe("every query's form", () => {
  const note = "HPI: RA-related C1-C2 ankylosis? Outside CT 03/12/2025 reportedly abnormal.\nASSESSMENT: ankylosis at the craniocervical junction, ?DISH.";
  const result = check(note);

  it("has indicators whose words slice the note, options ending in Other and Unable to determine, and its string in queries", () => {
    expect(result.queryDetails.length).toBeGreaterThan(1);
    expect(result.queryDetails.map((q) => q.text)).toEqual(result.queries);
    for (const q of result.queryDetails) {
      expect(q.indicators.length).toBeGreaterThan(0);
      for (const i of q.indicators) expect(note.slice(i.start, i.end)).toBe(i.text);
      expect(q.options.slice(-2)).toEqual([
        { label: "Other (please specify)", kind: "other", evidence: [] },
        { label: "Unable to determine", kind: "unable_to_determine", evidence: [] },
      ]);
      expect(q.text.endsWith("; other (please specify); unable to determine.")).toBe(true);
      expect(q.text).toContain(q.question);
      for (const i of q.indicators) expect(q.text).toContain(`"${i.text.replace(/\s+/g, " ").trim().slice(0, 60)}`);
    }
  });

  it("quotes the finding with its site words and hedge, not the single word", () => {
    const q = result.queryDetails.find((d) => d.closes === "etiology")!;
    expect(q.indicators[0]!.text).toBe("C1-C2 ankylosis?");
  });

  it("gives each indicator its section and header as written, and the date its sentence states", () => {
    const q = result.queryDetails.find((d) => d.closes === "imaging")!;
    const ct = q.indicators.find((i) => i.text === "CT")!;
    expect(ct).toMatchObject({ section: "hpi", heading: "HPI", date: { text: "03/12/2025" } });
    expect(note.slice(ct.date!.start, ct.date!.end)).toBe("03/12/2025");
    expect(q.text).toContain('"CT" (History of present illness, 03/12/2025)');
  });

  it("takes a study's date from its section header when its own sentence states none", () => {
    const text = "Assessment: C1-C2 ankylosis.\nImaging (01/05/2024): no fracture. Bony bridging across C1-C2.";
    const { facts } = analyseNote(text);
    const at = text.indexOf("Bony bridging");
    const ind = indicatorOf(facts, { start: at, end: at + "Bony bridging".length });
    expect(ind).toMatchObject({ text: "Bony bridging", section: "imaging", heading: "Imaging (01/05/2024)", date: { text: "01/05/2024" } });
    expect(text.slice(ind.date!.start, ind.date!.end)).toBe("01/05/2024");
    const other = indicatorOf(facts, { start: 12, end: 27 });
    expect(other).toEqual({ start: 12, end: 27, text: "C1-C2 ankylosis", section: "assessment", heading: "Assessment" });
  });

  it("leaves section, heading and date out where the note has none", () => {
    const q = queryOf("Spinal fusion noted.", "segments");
    expect(q.indicators).toEqual([{ start: 0, end: 13, text: "Spinal fusion", section: null, heading: null }]);
    expect(q.text.startsWith('The record documents "Spinal fusion". The fusion is documented without a spinal site.')).toBe(true);
  });
});

describe("dates", () => {
  it.each([
    ["CT 03/12/2025 showed", ["03/12/2025"]],
    ["seen 3/12/25 and 2025-03-12", ["3/12/25", "2025-03-12"]],
    ["MRI 03/2025", ["03/2025"]],
    ["on March 12, 2025 and 12 Mar 2025", ["March 12, 2025", "12 Mar 2025"]],
    ["since Jan 2019", ["Jan 2019"]],
    ["RA since 1998.", ["1998"]],
    ["ibuprofen 2000 mg daily, C1-C2, T12-L1, 5/5 strength, BP 120/80", []],
    ["she may 2 weeks", []],
  ])("%s -> %j", (text, expected) => {
    expect(findDates(text, 0, text.length).map((d) => text.slice(d.start, d.end))).toEqual(expected);
  });
});
