/**
 * Loads lexicons/<name>.json, validated with a strict zod schema. A broken entry is an error naming the
 * file, the entry and the field, so a typo in vocabulary fails at load, not silently.
 *
 * Validation runs once, at build time: `npm run build` writes dist/lexicon/snapshot.json (build-snapshot.ts):
 * the validated lexicons and the structures compiled from them (the scanner's vocabulary tries, the assertion
 * engine's trigger trie), under the SHA-256 of the lexicon sources and of the code that validates and compiles
 * them (SNAPSHOT_CODE). When that key matches the files here now, the lexicons and tries are taken from the
 * snapshot and zod is never loaded (zod's 95 modules, the validation and the compilation were about 0.3 s of
 * a 0.57 s start-up on the project machine). When the snapshot is missing or was built from other sources (a
 * lexicon edited since the build, or running from src/), every file is validated and compiled here as
 * before, so a stale snapshot is never used.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { LEXICON_FILES, type LexiconFile } from "./files.js";
import type { LexiconOf } from "./schemas.js";

/** lexicons/ sits beside src/ and dist/, so the path is the same from source and from the build. */
export const LEXICON_DIR = fileURLToPath(new URL("../../lexicons/", import.meta.url));

/**
 * The build's snapshot: dist/lexicon/snapshot.json, from source and from the build alike (it holds data only,
 * keyed by the lexicon sources). CDICHECK_LEXICON_SNAPSHOT names another file (tests use it to force validation).
 */
export const DEFAULT_SNAPSHOT_FILE = fileURLToPath(new URL("../../dist/lexicon/snapshot.json", import.meta.url));
export const SNAPSHOT_FILE = process.env.CDICHECK_LEXICON_SNAPSHOT || DEFAULT_SNAPSHOT_FILE;

export class LexiconError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`lexicons/${file}: ${detail}`);
    this.name = "LexiconError";
  }
}

/** Turns a zod issue path such as ["entries", 12, "literal"] into "entry 12 (\"s/p\"), field literal". */
function describePath(data: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (const key of path) {
    node = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number") {
      const id = node && typeof node === "object" ? ((node as { id?: unknown; literal?: unknown }).id ?? (node as { literal?: unknown }).literal) : undefined;
      parts.push(`entry ${key}${typeof id === "string" ? ` ("${id}")` : ""}`);
    } else {
      parts.push(`field ${String(key)}`);
    }
  }
  return parts.length ? parts.join(", ") : "top level";
}

export function parseLexicon<S extends z.ZodType>(file: string, raw: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new LexiconError(file, `not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new LexiconError(file, `${describePath(data, first.path)}: ${first.message}`);
  }
  return parsed.data;
}

/** The raw bytes of every lexicon file, by name (sorted). */
export function readLexiconSources(dir = LEXICON_DIR): [LexiconFile, Buffer][] {
  return (Object.keys(LEXICON_FILES) as LexiconFile[]).sort().map((f) => [f, readFileSync(dir + f)]);
}

/**
 * The modules whose code decides what the snapshot holds: the schemas and the closed lists they use (the
 * validated data), and the compilers of the vocabulary and the assertion rules (the compiled tries), paths
 * relative to this module. From source they are the .ts files, from the build the .js ones, so a snapshot
 * built by `npm run build` is used by the build only, and code changed since the build is never paired
 * with a snapshot of the old code.
 */
export const SNAPSHOT_CODE = [
  "./load",
  "./files",
  "./schema",
  "./context-schema",
  "./documents-schema",
  "./verbs-schema",
  "./expand",
  "./index",
  "../domain",
  "../types",
  "../pipeline/text",
  "../pipeline/tokens",
  "../pipeline/levels",
  "../pipeline/context",
];

const OWN_EXTENSION = import.meta.url.endsWith(".ts") ? ".ts" : ".js";

/** The snapshot's key: SHA-256 over each lexicon file's name and bytes, then the source of each SNAPSHOT_CODE module. */
export function snapshotKey(sources: [string, Buffer][] = readLexiconSources()): string {
  const h = createHash("sha256");
  for (const [name, bytes] of sources) h.update(name).update("\0").update(bytes).update("\0");
  for (const mod of SNAPSHOT_CODE) h.update(mod).update("\0").update(readFileSync(new URL(mod + OWN_EXTENSION, import.meta.url))).update("\0");
  return h.digest("hex");
}

export interface LexiconSnapshot {
  key: string;
  /** Each lexicon file as its schema returned it. */
  lexicons: Record<string, unknown>;
  /** Compiled structures by name ("vocabulary", "context"), as their encoders write them. */
  compiled: Record<string, unknown>;
}

/** The snapshot when the file exists, parses and was built from the lexicon sources and code here now; else null. */
export function readSnapshot(file = SNAPSHOT_FILE, key?: string): LexiconSnapshot | null {
  let snap: LexiconSnapshot;
  try {
    snap = JSON.parse(readFileSync(file, "utf8")) as LexiconSnapshot;
  } catch {
    return null;
  }
  if (!snap || typeof snap !== "object" || typeof snap.key !== "string") return null;
  if (!snap.lexicons || typeof snap.lexicons !== "object" || !snap.compiled || typeof snap.compiled !== "object") return null;
  if (snap.key !== (key ?? snapshotKey())) return null;
  for (const f of Object.keys(LEXICON_FILES)) if (!Object.hasOwn(snap.lexicons, f)) return null;
  return snap;
}

const snapshot = readSnapshot();

/** A compiled structure from the build's snapshot, or undefined (no usable snapshot): the caller compiles it. */
export function snapshotPart<T>(name: string): T | undefined {
  return snapshot && Object.hasOwn(snapshot.compiled, name) ? (snapshot.compiled[name] as T) : undefined;
}
/** The schemas, loaded (with zod) only when there is no usable snapshot. */
const schemas = snapshot ? null : (await import("./schemas.js")).SCHEMAS;

/** True when this process took its lexicons from the build's snapshot (no validation at run time). */
export const FROM_SNAPSHOT = snapshot !== null;

const cache = new Map<string, unknown>();

/** One lexicon file, validated (at build time, or here once per process). */
export function loadLexicon<F extends LexiconFile>(file: F): LexiconOf[(typeof LEXICON_FILES)[F]] {
  const hit = cache.get(file);
  if (hit !== undefined) return hit as LexiconOf[(typeof LEXICON_FILES)[F]];
  const value = snapshot ? snapshot.lexicons[file] : parseLexicon(file, readFileSync(LEXICON_DIR + file, "utf8"), schemas![LEXICON_FILES[file]]);
  cache.set(file, value);
  return value as LexiconOf[(typeof LEXICON_FILES)[F]];
}
