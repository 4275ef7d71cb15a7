/**
 * `--resume`: the rows already in --out, in order. The output holds exactly one row per input record in
 * input order, so a resumed scan skips the first K records, checking that their ids match the K rows
 * (a changed input is an error, not a silent mix). A truncated last line (the scan was killed mid-write)
 * is cut off first.
 */
import { open, stat, truncate } from "node:fs/promises";
import { parse as parseCsvSync } from "csv-parse/sync";
import { readRawLines } from "./lines.js";
import { digestRow, type RowDigest } from "./digest.js";
import { CSV_COLUMNS, FAMILY_CSV_COLUMNS } from "../reporters/csv.js";
import { UsageError } from "./inputs.js";
import type { ElementId, Verdict } from "../schema.js";
import type { OutputRow } from "./types.js";

export interface ResumeState {
  /** Bytes kept in the output (after cutting a partial last line). */
  keptBytes: number;
  /** Bytes cut off the end. */
  cutBytes: number;
  /** Whether the output already has content (for CSV: its header). */
  hasContent: boolean;
  rows: AsyncGenerator<RowDigest>;
}

/** Offset just after the last LF in the file, or 0. */
async function endOfLastLine(path: string, size: number): Promise<number> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const { bytesRead } = await fh.read(buf, 0, end - start, start);
      const nl = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    await fh.close();
  }
}

async function* jsonlRows(path: string, limit: number): AsyncGenerator<RowDigest> {
  if (limit === 0) return;
  for await (const raw of readRawLines(path)) {
    if (raw.endByte > limit) return;
    if (raw.bytes.length === 0) continue;
    let row: OutputRow;
    try {
      row = JSON.parse(raw.bytes.toString("utf8")) as OutputRow;
    } catch {
      throw new UsageError(`--resume: ${path} line ${raw.line} is not a scan output row; refusing to append to it`);
    }
    yield digestRow(row);
  }
}

async function* csvRows(path: string, limit: number): AsyncGenerator<RowDigest> {
  if (limit === 0) return;
  for await (const raw of readRawLines(path)) {
    if (raw.endByte > limit) return;
    if (raw.bytes.length === 0) continue;
    const cells = (parseCsvSync(raw.bytes, { relax_column_count: true }) as string[][])[0] ?? [];
    if (raw.line === 1) {
      if (cells.join(",") !== CSV_COLUMNS.join(",") && cells.join(",") !== FAMILY_CSV_COLUMNS.join(",")) throw new UsageError(`--resume: ${path} does not start with the scan CSV header`);
      continue;
    }
    const [id, verdict, score, missing, suggested, file, line, errorCode, error, code, family] = cells;
    yield {
      id: id === "" || id === undefined ? null : id,
      file: file ?? "",
      line: Number(line ?? 0),
      verdict: (verdict ?? "error") as Verdict | "error",
      score: score ? Number(score) : null,
      missing: (missing ? missing.split(";") : []) as ElementId[],
      partial: [],
      suggestions: suggested ? suggested.split(";").map((s) => ({ code: s.split(" ")[0]!, relation: s.split(" ")[1] ?? "" })) : [],
      finding: errorCode ? `${errorCode}: ${error ?? ""}` : (verdict ?? ""),
      snippet: "",
      ...(errorCode ? { errorCode, errorMessage: error ?? "" } : {}),
      ...(code ? { code } : {}),
      ...(family ? { family: family.split(";").map((f) => { const [c, v, sc] = f.split(" "); return { code: c ?? "", verdict: v ?? "", score: Number(sc ?? 0) }; }) } : {}),
    };
  }
}

export async function prepareResume(path: string, format: "jsonl" | "csv"): Promise<ResumeState> {
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const kept = size === 0 ? 0 : await endOfLastLine(path, size);
  if (kept < size) await truncate(path, kept);
  return {
    keptBytes: kept,
    cutBytes: size - kept,
    hasContent: kept > 0,
    rows: format === "jsonl" ? jsonlRows(path, kept) : csvRows(path, kept),
  };
}
