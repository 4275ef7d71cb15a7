/**
 * The build's lexicon snapshot (src/lexicon/load.ts, build-snapshot.ts): what it holds equals what validation
 * and compilation give, it is used only while its key matches the lexicon sources and code, and a run from
 * the snapshot answers exactly as a run that validates and compiles everything.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSnapshot } from "../src/lexicon/build-snapshot.js";
import { LEXICON_FILES, type LexiconFile } from "../src/lexicon/files.js";
import { compileVocabulary, decodeVocabulary, encodeVocabulary } from "../src/lexicon/index.js";
import { DEFAULT_SNAPSHOT_FILE, FROM_SNAPSHOT, LEXICON_DIR, parseLexicon, readSnapshot, snapshotKey } from "../src/lexicon/load.js";
import { SCHEMAS } from "../src/lexicon/schemas.js";
import { compileContext, decodeContext, encodeContext } from "../src/pipeline/context.js";
import type { ContextLexicon } from "../src/lexicon/context-schema.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "cdicheck-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the lexicon snapshot", () => {
  const snap = buildSnapshot();

  it("holds every lexicon exactly as its schema returns it", () => {
    expect(Object.keys(snap.lexicons).sort()).toEqual(Object.keys(LEXICON_FILES).sort());
    for (const file of Object.keys(LEXICON_FILES) as LexiconFile[]) {
      const validated = parseLexicon(file, readFileSync(LEXICON_DIR + file, "utf8"), SCHEMAS[LEXICON_FILES[file]]);
      // Through JSON, as the loader reads it: same values, same key order, no undefined-valued keys lost.
      expect(JSON.parse(JSON.stringify(snap.lexicons[file])), file).toStrictEqual(validated);
      expect(JSON.stringify(snap.lexicons[file])).toBe(JSON.stringify(validated));
    }
  });

  it("decodes to the vocabulary the compiler builds (tries, entries, filters, every table)", () => {
    const compiled = compileVocabulary();
    const decoded = decodeVocabulary(JSON.parse(JSON.stringify(encodeVocabulary(compiled))));
    expect(decoded).toStrictEqual(compiled);
    // Shared objects stay shared: one EntryRef per entry, wherever the trie names it.
    const seen = new Map<string, object>();
    let named = 0;
    const walk = (n: typeof decoded.trie): void => {
      for (const r of n.entries) {
        named++;
        if (!seen.has(r.ref)) seen.set(r.ref, r);
        expect(seen.get(r.ref)).toBe(r);
      }
      for (const c of n.next?.values() ?? []) walk(c);
    };
    walk(decoded.trie);
    expect(named).toBeGreaterThan(seen.size);
    expect(snap.compiled.vocabulary).toEqual(JSON.parse(JSON.stringify(encodeVocabulary(compiled))));
  });

  it("decodes to the assertion trie the compiler builds", () => {
    const lexicon = snap.lexicons["context.json"] as ContextLexicon;
    const compiled = compileContext(lexicon);
    const decoded = decodeContext(lexicon, JSON.parse(JSON.stringify(encodeContext(compiled))));
    expect(decoded).toStrictEqual(compiled);
    expect(snap.compiled.context).toEqual(JSON.parse(JSON.stringify(encodeContext(compiled))));
  });

  it("is refused when missing, unreadable, or built from other sources or code", () => {
    expect(readSnapshot(join(dir, "missing.json"))).toBeNull();
    writeFileSync(join(dir, "garbage.json"), "{not json");
    expect(readSnapshot(join(dir, "garbage.json"))).toBeNull();
    writeFileSync(join(dir, "good.json"), JSON.stringify(snap));
    expect(readSnapshot(join(dir, "good.json"))?.key).toBe(snapshotKey());
    writeFileSync(join(dir, "stale.json"), JSON.stringify({ ...snap, key: "0".repeat(64) }));
    expect(readSnapshot(join(dir, "stale.json"))).toBeNull();
    const edited = readFileSync(LEXICON_DIR + "fusion.json", "utf8").replace("fusion", "fusiom");
    const sources = Object.keys(LEXICON_FILES).sort().map((f) => [f, f === "fusion.json" ? Buffer.from(edited) : readFileSync(LEXICON_DIR + f)] as [string, Buffer]);
    expect(snapshotKey(sources)).not.toBe(snapshotKey());
    const { fusion: _, ...partial } = { fusion: 1, ...snap.lexicons };
    writeFileSync(join(dir, "partial.json"), JSON.stringify({ ...snap, lexicons: { ...partial, "fusion.json": undefined } }));
    expect(readSnapshot(join(dir, "partial.json"))).toBeNull();
  });

  it("is not used from source (its key covers the built code, not src/)", () => {
    expect(FROM_SNAPSHOT).toBe(false);
  });
});

const CLI = join(ROOT, "dist", "cli", "index.js");
const built = existsSync(CLI) && existsSync(DEFAULT_SNAPSHOT_FILE);

describe.skipIf(!built)("the build uses its snapshot", () => {
  const node = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  const fromSnapshot = (env: NodeJS.ProcessEnv = {}) =>
    node(["--input-type=module", "-e", `const m = await import(${JSON.stringify(join(ROOT, "dist", "lexicon", "load.js"))}); console.log(m.FROM_SNAPSHOT)`], env).stdout.trim();

  it("loads lexicons and tries from dist/lexicon/snapshot.json, and ignores a stale or missing one", () => {
    expect(fromSnapshot()).toBe("true");
    const stale = JSON.parse(readFileSync(DEFAULT_SNAPSHOT_FILE, "utf8"));
    stale.key = "f".repeat(64);
    writeFileSync(join(dir, "stale-dist.json"), JSON.stringify(stale));
    expect(fromSnapshot({ CDICHECK_LEXICON_SNAPSHOT: join(dir, "stale-dist.json") })).toBe("false");
    expect(fromSnapshot({ CDICHECK_LEXICON_SNAPSHOT: join(dir, "none.json") })).toBe("false");
  });

  it("answers byte for byte as a run that validates and compiles the lexicons", () => {
    for (const sample of ["01-ra-atlantoaxial-ankylosis.txt", "02-surgical-occipitocervical.txt", "03-possible-fusion.txt"]) {
      for (const code of ["M43.21", "M43.2"]) {
        const args = [CLI, "check", join("samples", sample), "--format", "json", "--code", code];
        const a = node(args);
        const b = node(args, { CDICHECK_LEXICON_SNAPSHOT: join(dir, "none.json") });
        expect(a.stdout.length).toBeGreaterThan(100);
        expect(a.stdout).toBe(b.stdout);
        expect(a.status).toBe(b.status);
      }
    }
  });
});
