/**
 * Loads lexicons/<name>.json and validates it with a strict zod schema. A broken entry is an error
 * naming the file, the entry and the field, so a typo in vocabulary fails at load, not silently.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";

/** lexicons/ sits beside src/ and dist/, so the path is the same from source and from the build. */
export const LEXICON_DIR = fileURLToPath(new URL("../../lexicons/", import.meta.url));

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

const cache = new Map<string, unknown>();

/** Reads and validates one lexicon file once per process. */
export function loadLexicon<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const hit = cache.get(file);
  if (hit !== undefined) return hit as z.infer<S>;
  const value = parseLexicon(file, readFileSync(LEXICON_DIR + file, "utf8"), schema);
  cache.set(file, value);
  return value;
}
