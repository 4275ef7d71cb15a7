/**
 * The PATH arguments to the list of files to read: folders are walked recursively (sorted, so the order
 * is the same on every machine), each file's format comes from its extension or --input-format.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";
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
  /** Symlinks under folders that point outside every PATH given: skipped, each with a warning. */
  outside: number;
}

async function walk(dir: string, links: Set<string>): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, links)));
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      out.push(p); // symlinked folders are not followed (no loops): stat() below keeps files only
      links.add(p);
    }
  }
  return out;
}

/** Whether `target` (a real path) is one of `roots` or inside one. */
function within(target: string, roots: string[]): boolean {
  return roots.some((r) => target === r || target.startsWith(r.endsWith(sep) ? r : r + sep));
}

/** Files whose size is asked for at once while a folder is listed. */
const STAT_BATCH = 64;

export async function expandInputs(paths: string[], forced?: InputFormat, warn: (line: string) => void = (l) => process.stderr.write(l + "\n")): Promise<Expanded> {
  const files: InputFile[] = [];
  let ignored = 0;
  let outside = 0;
  // A symlink found in a folder is read only when it points inside one of the paths given.
  const roots: string[] = [];
  for (const p of paths) if (p !== STDIN_PATH) roots.push(await realpath(p).catch(() => resolve(p)));
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
      const links = new Set<string>();
      for (const f of await walk(p, links)) {
        const format = forced ?? formatOf(f);
        if (format) found.push({ f, format });
        else ignored++;
      }
      // Sizes (for the progress bar) are asked for STAT_BATCH files at a time, not one after another.
      for (let i = 0; i < found.length; i += STAT_BATCH) {
        const batch = found.slice(i, i + STAT_BATCH);
        const stats = await Promise.all(batch.map(({ f }) => stat(f).catch(() => null)));
        const real = await Promise.all(batch.map(({ f }) => (links.has(f) ? realpath(f).catch(() => null) : null)));
        batch.forEach(({ f, format }, k) => {
          const fst = stats[k];
          const target = real[k];
          if (!fst) ignored++; // a dangling link
          else if (fst.isFile() && target && !within(target, roots)) {
            outside++;
            warn(`cdicheck scan: warning: skipped ${f}: a symlink to ${target}, outside the paths scanned`);
          }
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
  return { files, ignored, outside };
}
