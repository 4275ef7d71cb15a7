/** The vocabulary files: strict loading with errors that name the file, entry and field, and what each lexicon recognises. */
import { describe, expect, it } from "vitest";
import { expandPattern, expandTerm, hyphenVariants } from "../src/lexicon/expand.js";
import { codesLexicon, sectionsLexicon, vocabulary } from "../src/lexicon/index.js";
import { LexiconError, parseLexicon } from "../src/lexicon/load.js";
import { TermLexiconSchema } from "../src/lexicon/schema.js";
import { scanNote } from "../src/pipeline/scan.js";
import { fold } from "../src/pipeline/text.js";
import { analyseNote } from "../src/check.js";

function hits(text: string) {
  return scanNote(text, fold(text)).map((h) => ({ type: h.type, id: h.id, text: text.slice(h.start, h.end), levels: h.levels }));
}

describe("loading", () => {
  it("loads every lexicon file", () => {
    const v = vocabulary();
    expect(v.lexicons.size).toBeGreaterThanOrEqual(6);
    expect(sectionsLexicon().sections.length).toBeGreaterThan(5);
    expect(codesLexicon().codes.some((c) => c.code === "M43.21")).toBe(true);
  });

  it("rejects an unknown key, naming the file, the entry and the field", () => {
    const raw = JSON.stringify({ description: "x", entries: [{ id: "a", label: "A", type: "fusion", kind: "fusion", terms: ["x"], colour: "red" }] });
    expect(() => parseLexicon("fusion.json", raw, TermLexiconSchema)).toThrow(LexiconError);
    expect(() => parseLexicon("fusion.json", raw, TermLexiconSchema)).toThrow(/lexicons\/fusion\.json: field entries, entry 0 \("a"\): Unrecognized key: "colour"/);
  });

  it("rejects a duplicate term inside an entry and a disease without a cause", () => {
    const dup = JSON.stringify({ description: "x", entries: [{ id: "a", label: "A", type: "fusion", kind: "fusion", terms: ["fusion", "Fusion"] }] });
    expect(() => parseLexicon("f.json", dup, TermLexiconSchema)).toThrow(/field terms, entry 1: duplicate term "fusion"/);
    const noCause = JSON.stringify({ description: "x", entries: [{ id: "ra", label: "RA", type: "etiology", kind: "disease", terms: ["ra"] }] });
    expect(() => parseLexicon("e.json", noCause, TermLexiconSchema)).toThrow(/field cause: a disease etiology needs a cause/);
  });

  it("reports broken JSON with the file name", () => {
    expect(() => parseLexicon("x.json", "{", TermLexiconSchema)).toThrow(/lexicons\/x\.json: not valid JSON/);
  });
});

describe("term patterns", () => {
  it("expands groups and optional groups", () => {
    expect(expandPattern("(loss|lack) of (neck )?rotation").sort()).toEqual(["lack of neck rotation", "lack of rotation", "loss of neck rotation", "loss of rotation"]);
  });
  it("gives hyphenated words their spaced and joined spellings", () => {
    expect(hyphenVariants("non-surgical")).toEqual(["non-surgical", "non surgical", "nonsurgical"]);
    expect(expandTerm("x-ray")).toContain("xray");
  });
});

describe("segments lexicon and level grammar", () => {
  it.each([
    ["C1-C2", [1, 2]],
    ["C1–C2", [1, 2]],
    ["C1/2", [1, 2]],
    ["C1-2", [1, 2]],
    ["O-C2", [0, 1, 2]],
    ["Oc-C2", [0, 1, 2]],
    ["C0-C2", [0, 1, 2]],
    ["occiput to C2", [0, 1, 2]],
    ["C1 - C2", [1, 2]],
    ["C1 through C3", [1, 2, 3]],
    ["T12-L1", [19, 20]],
  ])("%s names levels %j", (written, levels) => {
    const seg = hits(`Fusion at ${written}.`).find((h) => h.type === "segment");
    expect(seg?.text).toBe(written);
    expect(seg?.levels).toEqual(levels);
  });

  it.each([
    ["atlas", "atlas"],
    ["axis", "axis"],
    ["atlantoaxial", "atlantoaxial"],
    ["atlanto-axial", "atlantoaxial"],
    ["atlanto-occipital", "atlanto-occipital"],
    ["odontoid", "axis"],
    ["occipitocervical", "occipitocervical"],
  ])("%s is a segment word (%s)", (word, id) => {
    expect(hits(`The ${word} is fused.`).some((h) => h.type === "segment" && h.id === id)).toBe(true);
  });

  it("reads AA joints as the atlantoaxial joints", () => {
    expect(hits("Bony bridging across both lateral AA joints.").some((h) => h.type === "segment" && h.text === "lateral AA joints")).toBe(true);
  });

  it("reads vague regions as regions, not segments", () => {
    expect(hits("Fusion at the craniocervical junction.").find((h) => h.type === "region")?.id).toBe("craniocervical-junction");
  });
});

describe("other senses of the words are not mentions", () => {
  it.each([
    ["ECG: occasional fusion beats.", "fusion"],
    ["Left axis deviation on ECG.", "segment"],
    ["Complement C2 level low.", "segment"],
    ["PET/CT fusion images reviewed.", "fusion"],
    ["The planning CT was fused with the diagnostic MRI for target delineation.", "fusion"],
    ["GTV = the lytic C2 lesion on the CT/MRI fusion.", "fusion"],
    ["Low T1 and T2 signal in the marrow; high T2 signal in the disc.", "segment"],
    ["TECHNIQUE: Sagittal T1, T2 and STIR; axial T2; post-contrast axial T1 fat-saturated images.", "segment"],
    ["CT: fibrous nonunion of the dens fracture; nonunion of type II odontoid fracture.", "pseudarthrosis"],
    ["Bone age read with the Greulich and Pyle atlas.", "segment"],
  ])("%s has no %s mention", (text, type) => {
    expect(hits(text).filter((h) => h.type === type)).toEqual([]);
  });
});

describe("a sentence about registering images gives every fusion word in it that sense (sentence-scope exclusions)", () => {
  const fusionWords = (t: string) =>
    analyseNote(t)
      .mentions.filter((m) => m.type === "fusion")
      .map((m) => m.text);
  it.each([
    ["Rigid fusion acceptable at the skull base, deformable registration used for the neck."],
    ["Post-contrast T1 MRI of the neck also fused for delineation of the primary."],
    ["The MRI was co-registered and the fusion checked at C1 and C2."],
    ["PET/CT fused to the planning CT, fusion quality good at C2."],
  ])("%s", (text) => {
    expect(fusionWords(text)).toEqual([]);
  });
  it.each([
    ["CT: solid bony fusion of C1 to C2. Deformable registration was used for the planning CT.", ["bony fusion"]],
    ["Registration desk note. C1-C2 ankylosis on CT.", ["ankylosis"]],
  ])("%s keeps the fusion of another sentence", (text, words) => {
    expect(fusionWords(text)).toEqual(words);
  });
});

describe("MRI sequences beside real thoracic levels", () => {
  it("still reads T1-T2 and C7 to T2 as levels", () => {
    expect(hits("Axial T2 images show ankylosis at T1-T2; fusion from C7 to T2.").filter((h) => h.type === "segment").map((h) => h.text)).toEqual(["T1-T2", "C7 to T2"]);
  });
});

describe("etiology, imaging and limitation lexicons", () => {
  it("recognises causes with their cause ids", () => {
    const causes = (t: string) => scanNote(t, fold(t)).filter((h) => h.type === "etiology").map((h) => h.cause ?? h.kind);
    expect(causes("seronegative rheumatoid arthritis")).toEqual(["ra_seronegative"]);
    expect(causes("Forestier's disease")).toEqual(["dish"]);
    expect(causes("tuberculous spondylitis")).toEqual(["infection"]);
    expect(causes("non-surgical")).toEqual(["acquired"]);
  });

  it.each([
    ["CT shows solid bone across both atlantoaxial joints.", "solid bone across"],
    ["The lateral masses are bridged by bone.", "bridged by bone"],
    ["Bone spanning the C1-C2 joints on the sagittal images.", "Bone spanning"],
    ["Continuous bone from the condyles into C1.", "Continuous bone"],
  ])("bone that crosses a joint is a confirming finding: %s", (text, words) => {
    expect(hits(text).some((h) => h.type === "imaging_finding" && h.text === words)).toBe(true);
  });

  it("matches abbreviations only as written, and skips word-like ones in capitals", () => {
    expect(hits("History of RA.").some((h) => h.id === "ra")).toBe(true);
    expect(hits("ra").some((h) => h.id === "ra")).toBe(false);
    expect(hits("AS NOTED ABOVE, THE PATIENT IS STABLE.").some((h) => h.id === "ankylosing-spondylitis")).toBe(false);
    expect(hits("C1-C2 FUSION DUE TO RA - STABLE.").some((h) => h.id === "ra")).toBe(true);
  });

  it("reads AS in capitals as the disease after a diagnosis cue, and DISH in capitals always", () => {
    const as = (t: string) => hits(t).some((h) => h.id === "ankylosing-spondylitis");
    expect(as("C1-C2 ANKYLOSIS SECONDARY TO AS, CHRONIC.")).toBe(true);
    expect(as("C1-C2 ANKYLOSIS D/T AS. CT CONFIRMS.")).toBe(true);
    expect(as("PMH: AS, HTN, HYPERLIPIDEMIA.")).toBe(true);
    expect(as("PT WITH LONGSTANDING HX OF AS AND UVEITIS.")).toBe(true);
    expect(as("THE FUSION IS UNCHANGED AS OF TODAY.")).toBe(false);
    expect(as("ALSO KNOWN AS FORESTIER DISEASE.")).toBe(false);
    expect(as("FROM AS EARLY AS 2019 THE NECK WAS STIFF.")).toBe(false);
    expect(hits("KNOWN DISH. CT: C1-C2 BONY ANKYLOSIS.").some((h) => h.id === "dish")).toBe(true);
  });

  it("finds imaging studies and confirming findings", () => {
    const t = hits("CT shows bony bridging with obliterated joint spaces.");
    expect(t.some((h) => h.type === "imaging" && h.text === "CT")).toBe(true);
    expect(t.some((h) => h.type === "imaging_finding" && h.text === "bony bridging")).toBe(true);
  });

  it("passes over degree adverbs inside a limitation term (skipInside), and only those", () => {
    const lim = (t: string) => hits(t).filter((h) => h.type === "limitation").map((h) => h.text);
    expect(lim("Rotation is markedly limited.")).toEqual(["Rotation is markedly limited"]);
    expect(lim("Rotation is very severely limited.")).toEqual(["Rotation is very severely limited"]);
    expect(lim("Rotation is not limited.")).toEqual([]);
    expect(lim("Rotation of the hip limited.")).toEqual([]);
    expect(lim("Flexion and extension were also very limited.")).toEqual(["Flexion and extension were also very limited"]);
    expect(lim("He could not turn his head; she can't turn my head at all, he said.")).toContain("could not turn his head");
    expect(lim("Limited turning since 2017.")).toEqual(["Limited turning"]);
    expect(lim("She is unable to look over her shoulder when reversing.")).toEqual(["unable to look over her shoulder"]);
    expect(lim("He cannot extend his neck to drink; he cannot tilt his head back.")).toEqual(["cannot extend his neck", "cannot tilt his head back"]);
  });

  it("finds limitations written as patterns", () => {
    expect(hits("Neck rotation is markedly limited.").some((h) => h.type === "limitation")).toBe(true);
    expect(hits("Unable to turn her head.").some((h) => h.type === "limitation")).toBe(true);
  });

  it("reads a misspelled long word as the lexicon word", () => {
    const h = scanNote("atlantoaxal ankylosys", fold("atlantoaxal ankylosys"));
    expect(h.filter((x) => x.fuzzy).map((x) => x.id).sort()).toEqual(["ankylosis", "atlantoaxial"]);
  });
});

describe("code facts", () => {
  it("every title in lexicons/codes.json is the official FY2026 tabular title (data/icd10cm/)", async () => {
    const { readFileSync } = await import("node:fs");
    const { ICD10CM_TABULAR } = await import("../bench/lib/external.js");
    const xml = readFileSync(ICD10CM_TABULAR, "utf8");
    expect(codesLexicon().codes.length).toBeGreaterThan(10);
    for (const c of codesLexicon().codes) {
      const m = new RegExp(`<name>${c.code.replace(".", "\\.")}</name>\\s*<desc>([^<]*)</desc>`).exec(xml);
      expect(m?.[1], c.code).toBe(c.title);
    }
  });
});
