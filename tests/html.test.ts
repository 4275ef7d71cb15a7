/**
 * The html reporter and the shared render functions: every mention's span is highlighted, the note is
 * HTML-escaped and shown character for character, no external URL, and `check --format html` writes
 * one self-contained file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../src/check.js";
import { cueLinks, cueWord, escapeHtml, highlight, renderHtml, renderReport, scoreBreakdown, scoreHelp, verdictHeadline } from "../src/reporters/html.js";
import { ELEMENT_WEIGHTS } from "../src/pipeline/score.js";
import { ResultSchema, type CheckResult } from "../src/schema.js";
import { loadFixture, ROOT, runCli } from "./serve-helpers.js";

const unescape = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

interface Piece {
  text: string;
  classes: string[];
  mentions: number[];
  evidence: string[];
  cues: number[];
}

/** Reads the highlighted note back: the pieces in order, with what covers each. */
function readPieces(noteHtml: string): Piece[] {
  const re =
    /<span class="anchor" id="[^"<>]*"><\/span>|<span class="(?:cue-tag|gov-tag)"[^<>]*><\/span>|<span class="([^"]*)"(?: data-m="([^"]*)")?(?: data-ev="([^"]*)")?(?: data-cue="([^"]*)")? title="[^"<>]*">([^<]*)<\/span>|([^<]+)/gy;
  const pieces: Piece[] = [];
  let m: RegExpExecArray | null;
  while (re.lastIndex < noteHtml.length && (m = re.exec(noteHtml)) !== null) {
    if (m[5] !== undefined) {
      pieces.push({
        text: unescape(m[5]),
        classes: m[1]!.split(" "),
        mentions: m[2] ? m[2].split(" ").map(Number) : [],
        evidence: m[3] ? m[3].split(" ") : [],
        cues: m[4] ? m[4].split(" ").map(Number) : [],
      });
    } else if (m[6] !== undefined) pieces.push({ text: unescape(m[6]), classes: [], mentions: [], evidence: [], cues: [] });
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
          // Cue words: each mention is governed by the span of the next one (overlapping, nested, or the same).
          result.mentions.forEach((m, i) => {
            const c = result.mentions[(i + 1) % result.mentions.length]!;
            m.cues = [{ start: c.start, end: c.end, text: c.text, category: (["negated", "uncertain", "hypothetical"] as const)[i % 3]!, rule: "r" }];
          });
          const html = highlight(text, result);
          expectHighlighted(text, result, html);
          const pieces = readPieces(html);
          cueLinks(result).forEach((l, k) => {
            expect(pieces.filter((p) => p.cues.includes(k)).map((p) => p.text).join(""), `cue ${k}`).toBe(text.slice(l.start, l.end));
            expect(html.split(`data-cue-tag="${k}"`).length - 1, `one tag for cue ${k}`).toBe(1);
          });
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
      // What ties an archived report to its note: tool version, code, file, date.
      const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
      const meta = /<p class="report-meta">([^<]*)<\/p>/.exec(out.stdout);
      expect(meta![1]).toMatch(new RegExp(`^cdicheck ${version.replace(/\./g, "\\.")} \u00B7 code M43\\.21 \u00B7 file ${file.replace(/[.\\/-]/g, "\\$&")} \u00B7 checked \\d{4}-\\d\\d-\\d\\dT`));
      const fromStdin = await runCli(["check", "-", "--format", "html"], text);
      expect(fromStdin.stdout).toContain(" \u00B7 standard input \u00B7 checked ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("verdicts in their own terms, and what the score means", () => {
  const redirectNote = readFileSync(join(ROOT, "samples/02-surgical-occipitocervical.txt"), "utf8");
  const unrelatedNote = "HPI: Right knee pain after a fall. EXAM: Effusion, no instability. PLAN: Ice, NSAIDs, follow up in 2 weeks.";

  it("a redirect names the code the note documents instead, in neutral colours, with the elements folded away", () => {
    const result = check(redirectNote);
    expect(result.verdict).toBe("redirect");
    const html = renderReport(redirectNote, result);
    const instead = result.suggestions.find((s) => s.relation === "instead")!;
    expect(verdictHeadline(result)).toBe(`Documents ${instead.code} instead`);
    expect(html).toContain(`<span class="verdict-word" data-verdict="redirect">Documents ${instead.code} instead</span>`);
    expect(html).toContain(`not ${result.code}`);
    // No red crosses: the checklist is inside a closed <details>, marked neutral, and uses a dash for missing.
    expect(html).toMatch(/<section class="elements aside"[^>]*><details><summary>[^]*?not needed: the note documents Z98\.1 instead/);
    expect(html).toContain('<ul class="checklist neutral">');
    expect(html).not.toContain("\u2717");
    expect(html).toContain('class="score neutral"');
  });

  it("a note about something else says no fusion of this region is documented, without a wall of red", () => {
    const result = check(unrelatedNote);
    expect(result.verdict).toBe("not_documented");
    const html = renderReport(unrelatedNote, result);
    expect(html).toContain('data-verdict="not_documented">No fusion of this region documented</span>');
    expect(html).toContain(`${result.code} does not apply`);
    expect(html).toContain("not needed: no fusion of this region is documented");
    expect(html).not.toContain("\u2717");
    expect(html).toContain("scores 0: there is nothing for M43.21 to score");
  });

  it("supported and incomplete keep their words and the ✓/✗ checklist", () => {
    const fixture = loadFixture();
    const text = fixture.text;
    const result = { ...fixture.result, elements: fixture.result.elements.map((e) => (e.id === "imaging" ? { ...e, status: "missing" as const, evidence: [] } : e)) };
    expect(result.verdict).toBe("incomplete");
    const html = renderReport(text, result);
    expect(html).toContain('data-verdict="incomplete">Incomplete</span>');
    expect(html).toContain('<ul class="checklist">');
    expect(html).toContain("\u2717");
    expect(html).not.toContain("score neutral");
  });

  it("the score explanation uses the pipeline's weights and reproduces every corpus note's score", () => {
    const files = readdirSync(join(ROOT, "corpus/notes")).filter((f) => f.endsWith(".txt"));
    expect(files.length).toBeGreaterThan(100);
    const verdicts = new Set<string>();
    for (const f of files) {
      const result = check(readFileSync(join(ROOT, "corpus/notes", f), "utf8"));
      verdicts.add(result.verdict);
      const b = scoreBreakdown(result);
      for (const p of b.parts) expect(p.weight, p.id).toBe(ELEMENT_WEIGHTS[p.id as keyof typeof ELEMENT_WEIGHTS]);
      const bound =
        result.verdict === "supported"
          ? Math.max(80, b.total)
          : result.verdict === "incomplete"
            ? [Math.min(79, b.total), Math.min(50, b.total)]
            : result.verdict === "redirect"
              ? Math.min(20, Math.round(b.total / 4))
              : 0;
      expect([bound].flat(), `${f}: ${result.verdict} total ${b.total}`).toContain(result.score);
      const help = scoreHelp(result);
      expect(help).toContain("<summary>What the score means</summary>");
      expect(help).toContain(`<td class="num">${b.total}</td>`);
      expect(help).toContain(`This note: ${result.score}.`);
    }
    expect([...verdicts].sort()).toEqual(["incomplete", "not_documented", "redirect", "supported"]);
  });
});

describe("cue words and what they govern", () => {
  const { text, result } = loadFixture();
  const html = renderReport(text, result);
  const pieces = readPieces(noteOf(html));
  const links = cueLinks(result);

  it("lists each cue span once with the mentions it governs (ConText cues and operation-status cues)", () => {
    const expected = new Map<string, Set<number>>();
    result.mentions.forEach((m, i) => {
      for (const c of [...m.cues, ...(m.procedure?.cue ? [m.procedure.cue] : [])]) {
        const k = `${c.start}:${c.end}`;
        expected.set(k, (expected.get(k) ?? new Set()).add(i));
      }
    });
    expect(expected.size).toBeGreaterThan(3);
    expect(links.map((l) => `${l.start}:${l.end}`).sort()).toEqual([...expected.keys()].sort());
    for (const l of links) expect([...l.mentions].sort()).toEqual([...expected.get(`${l.start}:${l.end}`)!].sort());
  });

  it("highlights every cue word exactly, tags it with what it does and which mentions, and numbers those mentions", () => {
    links.forEach((l, k) => {
      expect(pieces.filter((p) => p.cues.includes(k)).map((p) => p.text).join(""), `cue ${k}`).toBe(text.slice(l.start, l.end));
      const label = l.categories.map(cueWord).join(", ") + " \u2192 " + l.mentions.map((i) => `#${i + 1}`).join(" ");
      expect(noteOf(html)).toContain(`<span class="cue-tag" data-cue-tag="${k}" data-governs="${l.mentions.join(" ")}" data-label="${escapeHtml(label)}" aria-hidden="true"></span>`);
      for (const i of l.mentions) expect(noteOf(html)).toContain(`<span class="anchor" id="m-${i}"></span><span class="gov-tag" data-label="#${i + 1}" aria-hidden="true"></span>`);
    });
    const negated = links.find((l) => l.text === "No evidence of")!;
    expect(negated.categories).toEqual(["negated"]);
    expect(cueWord("negated")).toBe("negates");
    expect(html).toMatch(/<ul class="cue-list"><li><a class="cue-link" href="#cue-0" data-cue="0">/);
  });

  it("tags sit between pieces, so the note reads back exactly", () => {
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });
});

describe("renderHtml names what an archived report is about", () => {
  it("tool version, code, note id, file and date", () => {
    const { text, result } = loadFixture();
    const html = renderHtml({ ...result, id: "enc-42" }, text, { version: "9.8.7", source: "file notes/a.txt", checkedAt: "2026-12-04T10:00:00.000Z" });
    expect(html).toContain('<p class="report-meta">cdicheck 9.8.7 \u00B7 code M43.21 \u00B7 note id enc-42 \u00B7 file notes/a.txt \u00B7 checked 2026-12-04T10:00:00.000Z</p>');
    expect(html).toMatch(/<title>cdicheck: Incomplete \(M43\.21\) enc-42 file notes\/a\.txt<\/title>/);
  });
});
