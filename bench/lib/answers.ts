/**
 * Digests of what check() answers, to show that a change meant to be invisible (speed work: snapshots of the
 * compiled lexicons, lazy loading, worker batching) leaves every answer byte for byte as it was. For each set
 * of notes: the SHA-256 of each result's JSON (JSON.stringify(check(text, { code }))), cut to 16 hex digits,
 * in note order, and one SHA-256 over all of them. tests/answers-digest.test.ts recomputes and compares;
 * `npx tsx bench/answers-digest.ts` rewrites tests/fixtures/answers/digest.json when a change of answers is meant.
 *
 * The sets: every .txt note under corpus/ (sorted by path) with the default code and with the category M43.2
 * (every code of the family), the status sentences of corpus/status/*.jsonl, and the MTSamples export
 * (external data, bench/lib/external.ts; its set is left out when the export is absent). No note text is kept.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { check } from "../../src/check.js";
import { REPO_ROOT } from "./external.js";
import { mtsamplesNotes } from "./inputs.js";

export const DIGEST_FILE = join(REPO_ROOT, "tests", "fixtures", "answers", "digest.json");

export interface SetDigest {
  code: string;
  notes: number;
  /** SHA-256 over the per-note digests, joined with newlines. */
  sha256: string;
  /** Per note, in order: the first 16 hex digits of the SHA-256 of its result JSON. */
  perNote: string[];
}

export type AnswersDigest = Record<string, SetDigest>;

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith(".txt")) out.push(full);
  }
  return out;
}

/** The corpus notes: every .txt under corpus/, by relative path. */
export function corpusTexts(): { id: string; text: string }[] {
  return walk(join(REPO_ROOT, "corpus"), []).map((f) => ({ id: relative(REPO_ROOT, f).split(sep).join("/"), text: readFileSync(f, "utf8") }));
}

/** The status sentences: every line of corpus/status/*.jsonl, files sorted. */
export function statusTexts(): string[] {
  const dir = join(REPO_ROOT, "corpus", "status");
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort()) {
    for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
      if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return out;
}

function sha(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

export function digestSet(texts: readonly string[], code: string): SetDigest {
  const perNote = texts.map((t) => sha(JSON.stringify(check(t, { code }))).slice(0, 16));
  return { code, notes: texts.length, sha256: sha(perNote.join("\n")), perNote };
}

/** The sets as named in the digest file; mtsamples only when the export is present. */
export function answerSets(): Record<string, { texts: string[]; code: string }> {
  const corpus = corpusTexts().map((c) => c.text);
  const sets: Record<string, { texts: string[]; code: string }> = {
    corpus: { texts: corpus, code: "M43.21" },
    "corpus-family": { texts: corpus, code: "M43.2" },
    status: { texts: statusTexts(), code: "M43.21" },
  };
  const mt = mtsamplesNotes();
  if (mt.length) sets.mtsamples = { texts: mt, code: "M43.21" };
  return sets;
}

export function computeDigests(names?: readonly string[]): AnswersDigest {
  const out: AnswersDigest = {};
  for (const [name, set] of Object.entries(answerSets())) {
    if (names && !names.includes(name)) continue;
    out[name] = digestSet(set.texts, set.code);
  }
  return out;
}
