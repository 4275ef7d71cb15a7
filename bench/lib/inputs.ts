/** Bench inputs: the corpus notes and the MTSamples export beside the repository (../shared/data). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED_DIR = process.env.CDICHECK_SHARED_DIR ?? join(REPO_ROOT, "..", "shared");
export const MTSAMPLES_CSV = join(SHARED_DIR, "data", "mtsamples", "mtsamples.csv");

export function corpusNotes(): string[] {
  const dir = join(REPO_ROOT, "corpus", "notes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/** Non-empty transcriptions of the MTSamples export, or [] when the file is not beside the repository. */
export function mtsamplesNotes(): string[] {
  if (!existsSync(MTSAMPLES_CSV)) return [];
  const rows = parse(readFileSync(MTSAMPLES_CSV), { columns: true }) as { transcription?: string }[];
  return rows.map((r) => r.transcription ?? "").filter((t) => t.trim() !== "");
}

export function totalChars(notes: readonly string[]): number {
  return notes.reduce((n, t) => n + t.length, 0);
}
