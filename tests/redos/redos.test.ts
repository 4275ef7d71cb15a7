/**
 * ReDoS: every regular expression in src/ (regex literals and RegExp constructor calls, collected by
 * parsing the sources with the TypeScript compiler API, tests/redos/collect.ts) and every `regex` in
 * lexicons/*.json is rated by recheck (pure-JS backend, so no Java or native binary is needed); the test
 * fails on any pattern rated vulnerable that is not on the allow-list below. Patterns built at run time
 * (`new RegExp(expr)`) are captured while the checker loads and checks the corpus, and each such call
 * site must have been seen building at least one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { collectLexiconPatterns, collectSourcePatterns, type Pattern } from "./collect.js";

const ROOT = resolve(__dirname, "../..");

/**
 * Patterns known to be vulnerable and accepted, each with why: none today. The two that findings.ts had
 * (the modifier-gap regex and the "history of ... before the fusion" regex) were replaced by a word count
 * and by the status stage's cues. An entry names "file:line".
 */
const ALLOWED_VULNERABLE: Record<string, string> = {};

/** Each pattern gets this long; the pure-JS backend needs several seconds for the largest alternations. */
const PER_PATTERN_MS = 30_000;

interface Captured {
  source: string;
  flags: string;
  file: string;
}

/** Patterns the modules build at run time, with the src/ file that built them (from the stack). */
async function captureDynamic(): Promise<Captured[]> {
  const Native = RegExp;
  const out: Captured[] = [];
  const record = (re: RegExp): RegExp => {
    const frame = (new Error().stack ?? "").split("\n").find((l) => /[/\\]src[/\\].*\.ts/.test(l));
    const m = frame ? /([/\\]src[/\\][^:)]*\.ts)/.exec(frame) : null;
    if (m) out.push({ source: re.source, flags: re.flags, file: `src/${m[1]!.replace(/\\/g, "/").split("/src/").pop()}` });
    return re;
  };
  const Spy = new Proxy(Native, {
    construct: (target, args, newTarget) => record(Reflect.construct(target, args, newTarget) as RegExp),
    apply: (target, thisArg, args) => record(Reflect.apply(target, thisArg, args) as RegExp),
  });
  globalThis.RegExp = Spy;
  try {
    const { check } = await import("../../src/check.js");
    const dir = join(ROOT, "corpus/notes");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".txt"))) check(readFileSync(join(dir, f), "utf8"));
  } finally {
    globalThis.RegExp = Native;
  }
  return out;
}

describe("ReDoS", () => {
  it("rates every regex in src/ and lexicons/ safe with recheck, apart from the allow-list", async () => {
    process.env.RECHECK_BACKEND = "pure";
    const { check } = await import("recheck");
    const { patterns, dynamic } = collectSourcePatterns(ROOT);
    const lexicon = collectLexiconPatterns(ROOT);
    expect(patterns.length).toBeGreaterThan(50);
    expect(lexicon.length).toBeGreaterThan(0);

    const captured = await captureDynamic();
    for (const site of dynamic) {
      expect(captured.some((c) => c.file === site.file), `${site.where}: no pattern seen built there`).toBe(true);
    }
    const dynamicFiles = new Set(dynamic.map((d) => d.file));
    const runtime: Pattern[] = captured.filter((c) => dynamicFiles.has(c.file)).map((c) => ({ where: `${c.file} (built at run time)`, source: c.source, flags: c.flags }));

    const all = [...patterns, ...lexicon, ...runtime];
    const verdicts = new Map<string, { status: string; detail: string }>();
    const flagged: string[] = [];
    const unknown: string[] = [];
    const allowedSeen = new Set<string>();
    for (const p of all) {
      const key = `${p.flags}/${p.source}`;
      let v = verdicts.get(key);
      if (!v) {
        // An allow-listed pattern is known to be vulnerable: a short look only tells whether it still is.
        const r = await check(p.source, p.flags, { timeout: ALLOWED_VULNERABLE[p.where] ? 3_000 : PER_PATTERN_MS });
        const detail = r.status === "vulnerable" ? `${r.complexity.type}, attack ${JSON.stringify(r.attack.pattern).slice(0, 80)}` : r.status === "unknown" ? r.error.kind : "";
        v = { status: r.status, detail };
        verdicts.set(key, v);
      }
      if (v.status === "vulnerable") {
        if (ALLOWED_VULNERABLE[p.where]) allowedSeen.add(p.where);
        else flagged.push(`${p.where}: /${p.source}/${p.flags} (${v.detail})`);
      } else if (v.status === "unknown" && ALLOWED_VULNERABLE[p.where]) allowedSeen.add(p.where);
      else if (v.status === "unknown") unknown.push(`${p.where}: /${p.source}/${p.flags} (${v.detail})`);
    }
    const stale = Object.keys(ALLOWED_VULNERABLE).filter((w) => !allowedSeen.has(w));
    if (stale.length) console.warn(`ReDoS allow-list entries no longer vulnerable (remove them): ${stale.join(", ")}`);
    expect(flagged, "patterns recheck rates vulnerable").toEqual([]);
    expect(unknown, "patterns recheck could not rate in time").toEqual([]);
  }, 180_000);
});
