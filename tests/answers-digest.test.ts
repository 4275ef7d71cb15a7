/**
 * check()'s answers are byte-identical to the recorded ones (tests/fixtures/answers/digest.json, written by
 * `npx tsx bench/answers-digest.ts` on main before the speed work of issue 13): every corpus note with the
 * default code and with the category M43.2, the status sentences, and MTSamples (skipped, with a notice, when
 * the external export is absent). A failure names the first notes whose result changed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { externalDataPresent, MTSAMPLES_CSV } from "../bench/lib/external.js";
import { answerSets, DIGEST_FILE, digestSet, type AnswersDigest } from "../bench/lib/answers.js";

const recorded = JSON.parse(readFileSync(DIGEST_FILE, "utf8")) as AnswersDigest;
const sets = answerSets();

describe("check() answers are unchanged", () => {
  it("the digest file covers the corpus, its family run, the status sentences and MTSamples", () => {
    expect(Object.keys(recorded).sort()).toEqual(["corpus", "corpus-family", "mtsamples", "status"]);
    for (const d of Object.values(recorded)) {
      expect(d.perNote).toHaveLength(d.notes);
      expect(d.notes).toBeGreaterThan(100);
    }
  });

  for (const name of ["corpus", "corpus-family", "status", "mtsamples"]) {
    const present = name !== "mtsamples" || externalDataPresent(MTSAMPLES_CSV, "answers digest on MTSamples (tests/answers-digest.test.ts)");
    it.skipIf(!present)(`${name}: every result's JSON hashes as recorded`, { timeout: 180_000 }, () => {
      const set = sets[name]!;
      const now = digestSet(set.texts, set.code);
      const want = recorded[name]!;
      expect(now.code).toBe(want.code);
      expect(now.notes).toBe(want.notes);
      const changed = now.perNote.flatMap((h, i) => (h === want.perNote[i] ? [] : [i]));
      expect(changed.slice(0, 10), `${changed.length} of ${now.notes} results changed`).toEqual([]);
      expect(now.sha256).toBe(want.sha256);
    });
  }
});
