/** Bench inputs: the corpus notes and the MTSamples export (external data: bench/lib/external.ts says where). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { MTSAMPLES_CSV, REPO_ROOT, SHARED_DIR } from "./external.js";

export { MTSAMPLES_CSV, REPO_ROOT, SHARED_DIR };

export function corpusNotes(): string[] {
  const dir = join(REPO_ROOT, "corpus", "notes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/** Non-empty transcriptions of the MTSamples export, or [] when the external data is absent. */
export function mtsamplesNotes(): string[] {
  if (!existsSync(MTSAMPLES_CSV)) return [];
  const rows = parse(readFileSync(MTSAMPLES_CSV), { columns: true }) as { transcription?: string }[];
  return rows.map((r) => r.transcription ?? "").filter((t) => t.trim() !== "");
}

export function totalChars(notes: readonly string[]): number {
  return notes.reduce((n, t) => n + t.length, 0);
}
