/**
 * The html reporter and the shared render functions: every mention's span is highlighted, the note is
 * HTML-escaped and shown character for character, no external URL, and `check --format html` writes
 * one self-contained file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../src/check.js";
import { highlight, renderHtml, renderReport } from "../src/reporters/html.js";
import { ResultSchema, type CheckResult } from "../src/schema.js";
import { loadFixture, runCli } from "./serve-helpers.js";

const unescape = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

interface Piece {
  text: string;
  classes: string[];
  mentions: number[];
  evidence: string[];
}

/** Reads the highlighted note back: the pieces in order, with what covers each. */
function readPieces(noteHtml: string): Piece[] {
  const re = /<span class="anchor" id="[^"<>]*"><\/span>|<span class="([^"]*)"(?: data-m="([^"]*)")?(?: data-ev="([^"]*)")? title="[^"<>]*">([^<]*)<\/span>|([^<]+)/gy;
  const pieces: Piece[] = [];
  let m: RegExpExecArray | null;
  while (re.lastIndex < noteHtml.length && (m = re.exec(noteHtml)) !== null) {
    if (m[4] !== undefined) {
      pieces.push({
        text: unescape(m[4]),
        classes: m[1]!.split(" "),
        mentions: m[2] ? m[2].split(" ").map(Number) : [],
        evidence: m[3] ? m[3].split(" ") : [],
      });
    } else if (m[5] !== undefined) pieces.push({ text: unescape(m[5]), classes: [], mentions: [], evidence: [] });
  }
  expect(re.lastIndex, "the highlighted note holds only text, anchors and highlight spans").toBe(noteHtml.length);
  return pieces;
}

function noteOf(html: string): string {
  const m = /<pre class="note-text"[^>]*>([\s\S]*?)<\/pre>/.exec(html);
  expect(m, "the page has the note").not.toBeNull();
  return m![1]!;
}

/** Asserts the note reads back exactly and every mention and evidence span is covered exactly. */
function expectHighlighted(text: string, result: CheckResult, noteHtml: string): void {
  const pieces = readPieces(noteHtml);
  expect(pieces.map((p) => p.text).join("")).toBe(text);
  result.mentions.forEach((m, i) => {
    const covered = pieces.filter((p) => p.mentions.includes(i));
    expect(covered.map((p) => p.text).join(""), `mention ${i}`).toBe(text.slice(m.start, m.end));
    for (const p of covered) expect(p.classes).toContain("m");
  });
  result.elements.forEach((el) =>
    el.evidence.forEach((e, j) => {
      const covered = pieces.filter((p) => p.evidence.includes(`${el.id}:${j}`));
      expect(covered.map((p) => p.text).join(""), `${el.id} evidence ${j}`).toBe(text.slice(e.start, e.end));
    }),
  );
}

function expectNoExternalUrl(html: string): void {
  expect(html).not.toMatch(/\b(?:src|href|action|srcset|poster)\s*=\s*(?!["']?#)/i);
  expect(html).not.toMatch(/@import|url\(\s*(?!["']?data:)/i);
  expect(html).not.toMatch(/https?:\/\//i);
}

describe("the hand-built fixture", () => {
  const { text, result } = loadFixture();
  it("is a valid result whose every span is exact", () => {
    expect(ResultSchema.safeParse(result).success).toBe(true);
    const spans = [
      ...result.mentions,
      ...result.mentions.flatMap((m) => m.cues),
      ...result.elements.flatMap((e) => e.evidence),
      ...result.suggestions.flatMap((s) => s.evidence),
      ...result.queryDetails.flatMap((q) => [...q.indicators, ...q.options.flatMap((o) => o.evidence)]),
    ];
    expect(result.queryDetails.map((q) => q.text)).toEqual(result.queries);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("renderHtml", () => {
  const { text, result } = loadFixture();
  const html = renderHtml(result, text);

  it("highlights every mention and evidence span, styled by type and assertion", () => {
    expectHighlighted(text, result, noteOf(html));
    const pieces = readPieces(noteOf(html));
    const classesOf = (i: number) => pieces.find((p) => p.mentions.includes(i))!.classes;
    result.mentions.forEach((m, i) => {
      const innermost = pieces.filter((p) => p.mentions.includes(i) && p.mentions.length === 1);
      if (innermost.length) expect(innermost[0]!.classes).toContain(["segment", "region", "fusion", "surgery", "congenital", "etiology", "imaging", "imaging_finding", "limitation", "pseudarthrosis"].includes(m.type) ? `t-${m.type}` : "t-other");
      if (m.assertion.negated) expect(classesOf(i)).toContain("a-negated");
      if (m.assertion.experiencer === "other") expect(classesOf(i)).toContain("a-other");
    });
  });

  it("shows the hover text with the assertion and the cue that decided it", () => {
    const i = result.mentions.findIndex((m) => m.assertion.negated && m.cues.length > 0);
    const m = result.mentions[i]!;
    const span = new RegExp(`data-m="(?:\\d+ )*${i}(?: \\d+)*"[^>]* title="([^"]*)"`).exec(noteOf(html));
    expect(unescape(span![1]!)).toContain(`negated by "${m.cues[0]!.text}"`);
  });

  it("HTML-escapes the note, the messages and the queries", () => {
    expect(text).toContain("<not applicable");
    expect(html).toContain("&lt;not applicable, no prior surgery&gt;");
    expect(html).not.toContain("<not applicable");
    expect(html).toContain("Neck stiffness &amp; reduced rotation");
    expect(html).toContain("&lt;Please document your clinical judgment.&gt;");
  });

  it("is one self-contained file: inline style and script, no external URL", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|<script[^>]+src/i);
    expectNoExternalUrl(html);
  });

  it("lists the five elements, the suggestions and the queries", () => {
    for (const el of result.elements) expect(html).toContain(`data-element="${el.id}"`);
    for (const s of result.suggestions) expect(html).toContain(`<span class="sg-code">${s.code}</span>`);
    expect((html.match(/class="q-text"/g) ?? []).length).toBe(result.queries.length);
  });
});

describe("highlight() on any note and any spans", () => {
  const base = (_text: string): CheckResult => ({ ...check("x"), mentions: [] });
  const mention = (text: string, start: number, end: number, i: number): CheckResult["mentions"][number] => ({
    type: ["segment", "fusion", "imaging", "mystery"][i % 4]!,
    label: `label "${i}" <&>`,
    start,
    end,
    text: text.slice(start, end),
    section: null,
    assertion: { negated: i % 2 === 0, uncertain: false, hypothetical: i % 3 === 0, historical: false, experiencer: i % 5 === 0 ? "other" : "patient" },
    cues: [],
  });

  it("reads back the note exactly and covers each (possibly overlapping) span exactly", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "\r", "<", ">", "&", '"', "'", "é", "\u{1F600}", "C1-C2"), maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
        (text, pairs) => {
          const result = base(text);
          const len = text.length;
          result.mentions = pairs
            .map(([a, b]) => [Math.min(a, b) % (len + 1), Math.max(a, b) % (len + 1)] as const)
            .filter(([a, b]) => a < b)
            .map(([a, b], i) => mention(text, a, b, i));
          result.elements[0]!.evidence = result.mentions.slice(0, 2).map((m) => ({ start: m.start, end: m.end, text: m.text }));
          expectHighlighted(text, result, highlight(text, result));
          const report = renderReport(text, result);
          expect(report).not.toMatch(/<(?!\/?(?:section|div|span|p|h2|ul|ol|li|a|pre|details|summary|table|thead|tbody|tr|th|td|button)\b)/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("skips spans outside the note instead of trusting them", () => {
    const text = "Ankylosis C1-C2.";
    const result = base(text);
    result.mentions = [mention(text, 10, 15, 1), { ...mention(text, 0, 9, 2), end: 99 }, { ...mention(text, 0, 9, 3), start: -1 }];
    const pieces = readPieces(highlight(text, result));
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(pieces.filter((p) => p.mentions.length).map((p) => p.text)).toEqual(["C1-C2"]);
  });

  it("cannot be broken out of by the note", () => {
    const text = '</pre><script>alert(1)</script><img src=x onerror="alert(2)">';
    const result = base(text);
    result.mentions = [mention(text, 6, 14, 1)];
    const html = renderHtml(result, text);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expectHighlighted(text, result, noteOf(html));
  });
});

describe("cdicheck check FILE --format html (built CLI)", () => {
  it("writes one self-contained page with the note escaped and check()'s mentions highlighted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cdicheck-html-"));
    try {
      const text = "IMAGING: CT shows bony bridging at C1-C2 <no hardware> & no joint space.\r\nASSESSMENT: Acquired ankylosis of C1-C2 due to rheumatoid arthritis.\n";
      const file = join(dir, "note.txt");
      writeFileSync(file, text);
      const out = await runCli(["check", file, "--format", "html"]);
      const expected = check(text);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(expected.verdict === "supported" ? 0 : 1);
      expect(out.stdout.startsWith("<!doctype html>")).toBe(true);
      expect(out.stdout).toContain("&lt;no hardware&gt; &amp; no joint space");
      expectHighlighted(text, expected, noteOf(out.stdout));
      expectNoExternalUrl(out.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
