/** Sections and sentences on the shapes clinical text takes. */
import { describe, expect, it } from "vitest";
import { findSections } from "../../src/pipeline/sections.js";
import { splitSentences } from "../../src/pipeline/sentences.js";
import { fold } from "../../src/pipeline/text.js";

const kinds = (t: string) => findSections(t).map((s) => [s.kind, s.header?.text ?? null]);
const sentences = (t: string) => splitSentences(t, findSections(t)).map((s) => t.slice(s.start, s.end));

describe("sections", () => {
  it("reads headers in capitals, with colons, inline, without colons and misspelled", () => {
    expect(kinds("CHIEF COMPLAINT: neck pain.\nPast Surgical History: none\nFAMILY HISTORY\nMother with RA.\nExam normal. IMPRESSION: C1-C2 ankylosis.")).toEqual([
      ["chief_complaint", "CHIEF COMPLAINT"],
      ["psh", "Past Surgical History"],
      ["family_history", "FAMILY HISTORY"],
      ["impression", "IMPRESSION"],
    ]);
    expect(kinds("Impresion: fused C1-C2.")).toEqual([["impression", "Impresion"]]);
  });

  it("reads a one-line export: listed headers with a colon after a sentence end, and SOAP fields", () => {
    expect(kinds("Rheum note. S: 61F with RA. O: Rotation 40. Imaging: MRI shows preserved joints. A: 1. C1-C2 ankylosis. P: Continue.")).toEqual([
      ["other", null],
      ["hpi", "S"],
      ["exam", "O"],
      ["imaging", "Imaging"],
      ["assessment", "A"],
      ["plan", "P"],
    ]);
    expect(kinds("Stable gait. Past surgical history: ankle arthrodesis. Medications: none.").map((k) => k[0])).toEqual(["other", "psh", "medications"]);
    // Not an unlisted phrase, not without a colon, not in lower case.
    expect(kinds("Stable. Airway: Mallampati III. Plan for today is rest. plan: none.").map((k) => k[0])).toEqual(["other"]);
  });

  it("reads exports whose line breaks became commas", () => {
    expect(kinds("HISTORY:,  Pain.,PAST MEDICAL HISTORY:,1.  RA.,IMPRESSION:,  Ankylosis.").map((k) => k[0])).toEqual(["hpi", "pmh", "impression"]);
  });

  it("ends sentences at dictated punctuation in a speech-recognition note, and only there", () => {
    const dictated = "the CT shows bony ankylosis across C7 T1 period the atlas and axis are not fused comma and C1 C2 look normal period no myelopathy period";
    expect(sentences(dictated)).toEqual(["the CT shows bony ankylosis across C7 T1 period", "the atlas and axis are not fused comma and C1 C2 look normal period", "no myelopathy period"]);
    const typed = "The perioperative period was uneventful. Over that period she improved. A period of rest. C1-C2 fusion noted.";
    expect(sentences(typed)).toEqual(["The perioperative period was uneventful.", "Over that period she improved.", "A period of rest.", "C1-C2 fusion noted."]);
  });

  it("reads combined radiology headers and dictation imaging headers as imaging", () => {
    expect(kinds("XR CERVICAL SPINE\nFINDINGS/IMPRESSION: The upper cervical spine is ankylosed.").map((k) => k[0])).toEqual(["other", "imaging"]);
    expect(kinds("EXAM:,  Rotation limited.,RADIOLOGIC DATA:,  CT reviewed.").map((k) => k[0])).toEqual(["exam", "imaging"]);
  });

  it("ends a section at an unlisted header line, and opens imaging for one that names a study", () => {
    expect(kinds("FH: father with AS.\nPatient: 63F.\nCT C-spine: fused.").map((k) => k[0])).toEqual(["family_history", "other", "imaging"]);
  });

  it("covers the note: sections are contiguous and in order", () => {
    const t = "intro\nHPI: a\nPLAN: b";
    const s = findSections(t);
    expect(s[0]!.start).toBe(0);
    for (let i = 1; i < s.length; i++) expect(s[i]!.start).toBe(s[i - 1]!.end);
    expect(s[s.length - 1]!.end).toBe(t.length);
  });
});

describe("sentences", () => {
  it("does not break after abbreviations or list numbers, breaks at semicolons and without a final period", () => {
    expect(sentences("Dr. Smith saw the pt. today. She is s/p fall; no fracture\n1. RA.\n2. HTN")).toEqual([
      "Dr. Smith saw the pt. today.",
      "She is s/p fall;",
      "no fracture",
      "1. RA.",
      "2. HTN",
    ]);
  });

  it("does not break at a full stop inside a short parenthesis that closes soon after on the same line", () => {
    expect(sentences("Her mother (d. 2019) had RA. She is well.")).toEqual(["Her mother (d. 2019) had RA.", "She is well."]);
    expect(sentences("Lesion (approx. 2 cm. on CT) at C2. Stable.")).toEqual(["Lesion (approx. 2 cm. on CT) at C2.", "Stable."]);
    expect(sentences("See the letter (Dr. Obuya, 10/2026). CT normal.")).toEqual(["See the letter (Dr. Obuya, 10/2026).", "CT normal."]);
    // A parenthesis left open, or closed only far away or on another line, keeps the ordinary rule.
    expect(sentences("Fused C1-C2 (see CT. Old films are lost and were never scanned into the record at all) ok.")).toEqual([
      "Fused C1-C2 (see CT.",
      "Old films are lost and were never scanned into the record at all) ok.",
    ]);
    expect(sentences("Items (one. Two\nthree) end.")[0]).toBe("Items (one.");
  });

  it("a line in capitals above one that is not is a title, wherever boilerplate put it", () => {
    expect(sentences("Medications:\n- aspirin\n\nCONSENT TO OPERATION, ANESTHESIA AND OTHER MEDICAL SERVICES\r\nSt. Brendan's Hospital form")).toContain(
      "CONSENT TO OPERATION, ANESTHESIA AND OTHER MEDICAL SERVICES",
    );
    // A note written all in capitals keeps its wrapped lines together.
    expect(sentences("THE C1-C2 JOINTS ARE FUSED WITH BRIDGING BONE ON BOTH SIDES AND NO\nJOINT SPACE IS SEEN ON THE CT.")).toHaveLength(1);
  });

  it("a closing quote or parenthesis after the full stop goes with the sentence it ends", () => {
    expect(sentences('Ortho note: "ankylosis of the dens; no surgical history."\n\tCT 11/18: bony bridging at C1-C2.')).toEqual([
      "Ortho note:",
      '"ankylosis of the dens;',
      'no surgical history."',
      "CT 11/18: bony bridging at C1-C2.",
    ]);
    expect(sentences("She says \u201cthe joints are not well delineated.\u201d On review it appeared fused.")).toEqual([
      "She says \u201cthe joints are not well delineated.\u201d",
      "On review it appeared fused.",
    ]);
    expect(sentences('He said "it is stiff." then left.')).toEqual(['He said "it is stiff." then left.']);
  });

  it("dictation with no punctuation at all opens a sentence at each header word of a long run", () => {
    const run =
      "history this is a 79 year old man with neck stiffness he has never had surgery on his neck exam shows rotation of 20 degrees " +
      "imaging i reviewed the ct the atlanto axial joints are bridged by bone but the lower discs do not bridge " +
      "assessment bony ankylosis of c1 c2 probably from dish plan barium swallow and review of the treatment plan in 3 months";
    expect(sentences(run).map((s) => s.split(" ")[0])).toEqual(["history", "exam", "imaging", "assessment", "plan"]);
    // Not after a word that makes the header word an ordinary one, not with spoken or written punctuation.
    expect(sentences(run.replace("assessment", "no assessment")).map((s) => s.split(" ")[0])).toEqual(["history", "exam", "imaging", "plan"]);
    expect(sentences(run.replace("degrees", "degrees period")).length).toBe(1);
    // A semicolon ends the first stretch, now too short to be a run; the long unpunctuated rest is still cut.
    expect(sentences(run.replace("degrees", "degrees;")).map((s) => s.split(" ")[0])).toEqual(["history", "imaging", "assessment", "plan"]);
  });

  it("joins wrapped lines (also with CRLF) and splits short item lines", () => {
    expect(sentences("CT of the cervical spine shows bony\r\nbridging at C1-C2.\r\nNeck: stiff\r\nRotation limited")).toEqual([
      "CT of the cervical spine shows bony\r\nbridging at C1-C2.",
      "Neck:",
      "stiff",
      "Rotation limited",
    ]);
  });
});

describe("fold", () => {
  it("keeps every offset: İ, dashes, curly quotes, tabs and CR fold one unit for one", () => {
    const t = "İ C1–C2 “fused”\tok\r\n😀";
    const f = fold(t);
    expect(f.length).toBe(t.length);
    expect(f).toBe("i c1-c2 \"fused\" ok\n\n😀");
  });
});

describe("family members as headers", () => {
  it("opens a family history section, so the fusion under it is someone else's", async () => {
    const { check } = await import("../../src/index.js");
    const r = check("Mother: atlantoaxial fusion.\nPatient: healthy.");
    expect(r.verdict).toBe("not_documented");
    expect(r.mentions.find((m) => m.type === "fusion")?.assertion.experiencer).toBe("other");
  });
});
