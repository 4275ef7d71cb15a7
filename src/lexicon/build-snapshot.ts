/**
 * Writes dist/lexicon/snapshot.json, run by `npm run build` after tsc: every lexicon file validated with
 * its zod schema, stored as zod returned it, and the vocabulary and assertion tries compiled from them, under
 * the SHA-256 of the lexicon sources and the code that reads them (load.ts uses it only while that key
 * matches). A lexicon that fails validation fails the build, naming the entry.
 *
 *   node dist/lexicon/build-snapshot.js [OUT]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LEXICON_FILES, type LexiconFile } from "./files.js";
import { DEFAULT_SNAPSHOT_FILE, parseLexicon, readLexiconSources, snapshotKey, type LexiconSnapshot } from "./load.js";
import { SCHEMAS } from "./schemas.js";
import { compileVocabulary, encodeVocabulary } from "./index.js";
import { compileContext, encodeContext } from "../pipeline/context.js";
import type { ContextLexicon } from "./context-schema.js";

/**
 * Every lexicon validated, the structures compiled from them, and the key of the sources and code. The
 * compilers run here on the lexicons just validated, never through the once-per-process accessors (which
 * would hand back a decoded older snapshot).
 */
export function buildSnapshot(): LexiconSnapshot {
  const sources = readLexiconSources();
  const lexicons: Record<string, unknown> = {};
  for (const [file, bytes] of sources) lexicons[file] = parseLexicon(file, bytes.toString("utf8"), SCHEMAS[LEXICON_FILES[file as LexiconFile]]);
  const compiled = {
    vocabulary: encodeVocabulary(compileVocabulary()),
    context: encodeContext(compileContext(lexicons["context.json"] as ContextLexicon)),
  };
  return { key: snapshotKey(sources), lexicons, compiled };
}

export function writeSnapshot(out: string): LexiconSnapshot {
  const snap = buildSnapshot();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(snap));
  return snap;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? DEFAULT_SNAPSHOT_FILE;
  const snap = writeSnapshot(out);
  process.stdout.write(`lexicon snapshot: ${Object.keys(snap.lexicons).length} files validated and compiled, key ${snap.key.slice(0, 12)}\n`);
}
