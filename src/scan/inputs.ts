/**
 * The PATH arguments to the list of files to read: folders are walked recursively (sorted, so the order
 * is the same on every machine), each file's format comes from its extension or --input-format.
 */
import { readdir, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { STDIN_DISPLAY, STDIN_PATH } from "./open.js";
import type { InputFile, InputFormat } from "./types.js";

/** A problem with the command itself (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const BY_EXTENSION: Record<string, InputFormat> = {
  ".txt": "txt",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
  ".json": "fhir",
};

export function formatOf(path: string): InputFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

export interface Expanded {
  files: InputFile[];
  /** Files under folders that were left out (unknown extension). */
  ignored: number;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() || e.isSymbolicLink()) out.push(p); // symlinked folders are not followed (no loops)
  }
  return out;
}

/** Files whose size is asked for at once while a folder is listed. */
const STAT_BATCH = 64;

export async function expandInputs(paths: string[], forced?: InputFormat): Promise<Expanded> {
  const files: InputFile[] = [];
  let ignored = 0;
  if (paths.filter((p) => p === STDIN_PATH).length > 1) throw new UsageError(`"${STDIN_PATH}" (standard input) can be given once`);
  for (const p of paths) {
    if (p === STDIN_PATH) {
      // Standard input has no extension to go by: JSONL unless --input-format says otherwise. Its size is unknown (0).
      files.push({ path: p, display: STDIN_DISPLAY, format: forced ?? "jsonl", bytes: 0, stream: true });
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === "ENOENT" ? `${p}: no such file or folder` : `${p}: cannot open (${code})`);
    }
    if (st.isDirectory()) {
      const found: { f: string; format: InputFormat }[] = [];
      for (const f of await walk(p)) {
        const format = forced ?? formatOf(f);
        if (format) found.push({ f, format });
        else ignored++;
      }
      // Sizes (for the progress bar) are asked for STAT_BATCH files at a time, not one after another.
      for (let i = 0; i < found.length; i += STAT_BATCH) {
        const batch = found.slice(i, i + STAT_BATCH);
        const stats = await Promise.all(batch.map(({ f }) => stat(f).catch(() => null)));
        batch.forEach(({ f, format }, k) => {
          const fst = stats[k];
          if (!fst) ignored++; // a dangling link
          else if (fst.isFile()) {
            const rel = relative(p, f).split(sep).join("/");
            files.push({ path: f, display: join(p, rel).split(sep).join("/"), relativeId: rel, format, bytes: fst.size });
          }
        });
      }
    } else {
      const format = forced ?? formatOf(p);
      if (!format) {
        throw new UsageError(`${p}: unknown file type "${extname(p) || "(none)"}"; use --input-format txt|jsonl|csv|fhir`);
      }
      files.push({ path: p, display: p, format, bytes: st.size });
    }
  }
  return { files, ignored };
}
