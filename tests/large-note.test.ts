/**
 * A 20 MB note (with the size limit lifted) finishes with a valid result (the timing is in `npm run bench`), and no sentence handed
 * to later stages, compromise included, is longer than MAX_SENTENCE, even in text with no punctuation.
 */
import { describe, expect, it } from "vitest";
import { check, ResultSchema } from "../src/index.js";
import { findSections } from "../src/pipeline/sections.js";
import { MAX_SENTENCE, splitSentences } from "../src/pipeline/sentences.js";

const PARAGRAPH =
  "HISTORY: The patient reports neck pain for several years without trauma. She denies fever, chills, weight loss or night sweats. " +
  "EXAM: Strength is 5/5 in all extremities and reflexes are symmetric. Gait is normal.\n";

describe("very long notes", () => {
  it("checks a 20 MB note to a valid result", () => {
    const unit = PARAGRAPH.repeat(40) + "IMPRESSION: Acquired C1-C2 ankylosis due to rheumatoid arthritis; CT shows bony bridging at C1-C2.\n";
    const note = unit.repeat(Math.ceil((20 * 1024 * 1024) / unit.length));
    expect(note.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    const result = check(note, { maxNoteChars: Infinity }); // over the default limit (2,000,000) on purpose
    expect(ResultSchema.safeParse(result).success).toBe(true);
    expect(result.verdict).toBe("supported");
    for (const m of result.mentions.slice(-50)) expect(note.slice(m.start, m.end)).toBe(m.text);
  }, 180_000);

  it("cuts unpunctuated text into bounded sentences", () => {
    const words = "fusion of the spine at many levels and more words without any stop ";
    const note = words.repeat(Math.ceil(1_000_000 / words.length));
    const sentences = splitSentences(note, findSections(note));
    expect(sentences.length).toBeGreaterThan(note.length / MAX_SENTENCE - 1);
    for (const s of sentences) expect(s.end - s.start).toBeLessThanOrEqual(MAX_SENTENCE);
  });
});
