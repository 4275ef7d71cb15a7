/** Ranges of motion written in degrees (lexicons/limitations.json measuredMotion): limited rotation, and what is not. */
import { describe, expect, it } from "vitest";
import { parseLexicon } from "../../src/lexicon/load.js";
import { TermLexiconSchema } from "../../src/lexicon/schema.js";
import { scanNote } from "../../src/pipeline/scan.js";
import { fold } from "../../src/pipeline/text.js";

const limitations = (t: string) => scanNote(t, fold(t)).filter((h) => h.type === "limitation").map((h) => ({ id: h.id, text: t.slice(h.start, h.end) }));

describe("measured rotation", () => {
  it.each([
    ["Exam: occiput-to-wall 14 cm, cervical rotation 15° each side, chest expansion 2 cm.", "rotation 15°"],
    ["Cervical AROM: rotation R 55° / L 50°, guarded.", "rotation R 55° / L 50°"],
    ["Neck: rotation now ~25° each way.", "rotation now ~25°"],
    ["Head rotation reduced to about 30 degrees.", "rotation reduced to about 30 degrees"],
    ["ROT: 20º R, 25º L.", "ROT: 20º R, 25º"],
    ["exam: rotation 35 R / 30 L, flex/ext limited.", "rotation 35 R / 30 L"],
  ])("%s is limited rotation", (note, text) => {
    expect(limitations(note)).toContainEqual({ id: "loss-of-rotation", text });
  });

  it.each([
    ["Cervical rotation 80° bilaterally, flexion 20°.", "a normal value, and a value after the next motion"],
    ["Rotation 45° to the right and 75° to the left.", "one side normal"],
    ["Shoulder external rotation 30°.", "another joint"],
    ["The femoral component was placed in 3 degrees of external rotation.", "an implant angle"],
    ["CT: atlantoaxial rotation 40°; C1-C2 rotation 38 degrees.", "a radiographic measure"],
    ["Rotation is full. Flexion 30°.", "a value in the next sentence"],
    ["Rotation 80 R / 75 L.", "normal values written without units"],
  ])("%s is not (%s)", (note) => {
    expect(limitations(note).filter((l) => /\d/.test(l.text))).toEqual([]);
  });

  it("offsets slice the original text, tabs and CRLF included", () => {
    const note = "EXAM:\r\n\tCervical rotation\t20°\tR / 15° L\r\n";
    const [hit] = scanNote(note, fold(note)).filter((h) => h.type === "limitation");
    expect(note.slice(hit!.start, hit!.end)).toBe("rotation\t20°\tR / 15°");
  });

  it("rejects a measuredMotion that names no entry of its file", () => {
    const raw = JSON.stringify({
      description: "x",
      entries: [{ id: "a", label: "A", type: "limitation", kind: "motion", terms: ["x"] }],
      measuredMotion: [{ entry: "b", words: ["rotation"], limitedBelowDegrees: 60, window: 8, notAfter: [], stopAt: [], units: ["°"], sides: [] }],
    });
    expect(() => parseLexicon("limitations.json", raw, TermLexiconSchema)).toThrow(/field measuredMotion, entry 0.*: no entry "b" in this file/);
  });
});
