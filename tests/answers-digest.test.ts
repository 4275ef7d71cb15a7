/**
 * check()'s answers are byte-identical to the recorded ones (tests/fixtures/answers/digest.json, written by
 * `npx tsx bench/answers-digest.ts` on main before the speed work of issue 13): every corpus note with the
 * default code and with the category M43.2, the status sentences, and MTSamples (skipped, with a notice, when
 * the external export is absent). A failure names the first notes whose result changed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  // The build answers from its lexicon snapshot (src/lexicon/load.ts) where a run from source compiles the
  // lexicons: the same digests, computed by the built checker in a child process.
  const built = join(import.meta.dirname, "..", "dist", "check.js");
  it.skipIf(!existsSync(built))("the build, with its lexicon snapshot, gives the same digests", { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "cdicheck-digest-"));
    try {
      for (const name of ["corpus", "corpus-family", "status", "mtsamples"]) {
        const set = sets[name];
        if (!set) continue;
        writeFileSync(join(dir, "in.json"), JSON.stringify(set));
        const script = `import { createHash } from "node:crypto"; import { readFileSync } from "node:fs";
          const { check } = await import(${JSON.stringify(built)}); const { FROM_SNAPSHOT } = await import(${JSON.stringify(join(built, "..", "lexicon", "load.js"))});
          const { texts, code } = JSON.parse(readFileSync(${JSON.stringify(join(dir, "in.json"))}, "utf8"));
          const per = texts.map((t) => createHash("sha256").update(JSON.stringify(check(t, { code }))).digest("hex").slice(0, 16));
          process.stdout.write(JSON.stringify({ FROM_SNAPSHOT, sha256: createHash("sha256").update(per.join("\\n")).digest("hex") }));`;
        const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
        expect(r.status, r.stderr).toBe(0);
        const out = JSON.parse(r.stdout) as { FROM_SNAPSHOT: boolean; sha256: string };
        expect(out.FROM_SNAPSHOT).toBe(true);
        expect(out.sha256, name).toBe(recorded[name]!.sha256);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
