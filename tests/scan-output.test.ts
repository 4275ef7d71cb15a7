/** `cdicheck scan` outputs: JSONL and CSV, stdout or --out, input order whatever the parallelism, the HTML report. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../src/reporters/csv.js";
import { cli, FIXTURES, jsonl, manyNotes, parseLines, ROOT, tmp, write } from "./scan-helpers.js";

describe("scan output", () => {
  it("writes JSONL to --out with id and source on every row, and nothing but the summary on stderr", () => {
    const dir = tmp();
    const out = join(dir, "out.jsonl");
    const r = cli(["scan", join(FIXTURES, "notes.csv"), "--out", out]);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1); // not a TTY: no progress bar, one summary line
    expect(r.stderr).toMatch(/^cdicheck scan: done: 6 notes, 5 checked/);
    const rows = jsonl(out);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(typeof row.source.file).toBe("string");
      expect(row.source.line).toBeGreaterThan(0);
      expect(row.error ?? row.verdict).toBeTruthy();
    }
  });

  it("writes CSV (format from the --out extension) that a CSV reader parses back", () => {
    const dir = tmp();
    const out = join(dir, "out.csv");
    cli(["scan", join(FIXTURES, "notes.csv"), "--out", out, "--quiet"]);
    const records = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS]);
    expect(records.map((r) => r.id)).toEqual(["n1", "n2", "n3", "n4", "n5", "n6"]);
    expect(records[0]).toMatchObject({ verdict: "not_documented", score: "0", line: "2" });
    expect(records[0]!.missing!.split(";")).toContain("imaging");
    expect(records[3]).toMatchObject({ verdict: "error", error_code: "empty_note" });
    expect(readFileSync(out, "utf8").split("\n").filter(Boolean)).toHaveLength(7); // one line per row
  });

  it("writes ids that look like formulas as text in CSV, and --resume still matches them", () => {
    const dir = tmp();
    const ids = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "@SUM(A1)", "-7", "+1-1", "plain"];
    const f = write(join(dir, "ids.jsonl"), ids.map((id) => JSON.stringify({ id, text: "Neck pain." })).join("\n") + "\n");
    const out = join(dir, "out.csv");
    expect(cli(["scan", f, "--out", out, "--quiet"]).code).toBe(0);
    const records = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.id)).toEqual(["'=HYPERLINK(\"http://example.invalid\",\"x\")", "'@SUM(A1)", "-7", "'+1-1", "plain"]);
    const before = readFileSync(out, "utf8");
    const again = cli(["scan", f, "--out", out, "--resume", "--quiet"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/5 already in/);
    expect(readFileSync(out, "utf8")).toBe(before);
  });

  it("writes CSV to stdout with --format csv, and JSONL by default", () => {
    const csv = cli(["scan", join(FIXTURES, "notes.csv"), "--format", "csv", "--quiet"]).stdout;
    expect(csv.startsWith(CSV_COLUMNS.join(",") + "\n")).toBe(true);
    const def = cli(["scan", join(FIXTURES, "notes.csv"), "--quiet"]).stdout;
    expect(parseLines(def)).toHaveLength(6);
  });

  it("keeps input order with several workers and notes of very different lengths", () => {
    const dir = tmp();
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const long = i % 10 === 0 ? " Neck stiffness noted.".repeat(2000) : "";
      lines.push(JSON.stringify({ id: `o${i}`, text: `Note ${i}.${long}` }));
    }
    const f = write(join(dir, "mixed.jsonl"), lines.join("\n") + "\n");
    const r = cli(["scan", f, "--jobs", "2", "--quiet"]);
    expect(parseLines(r.stdout).map((x) => x.id)).toEqual(Array.from({ length: 300 }, (_, i) => `o${i}`));
    expect(r.code).toBe(0);
  });
});

describe("scan --report", () => {
  const dir = tmp();
  const notes = join(dir, "notes.jsonl");
  manyNotes(notes, 40, "ZEBRAWORD");
  write(join(dir, "bad.jsonl"), '{"id":"e1","text":""}\n{oops ZEBRAWORD\n');
  const report = join(dir, "report.html");
  const r = cli(["scan", notes, join(dir, "bad.jsonl"), "--out", join(dir, "o.jsonl"), "--report", report, "--quiet"]);
  const html = existsSync(report) ? readFileSync(report, "utf8") : "";

  it("is one self-contained page: inline CSS, no scripts, nothing loaded from the network", () => {
    expect(r.code).toBe(3);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).toContain('<nav class="cards"');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(|@import/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("shows the verdict counts and errors, lists notes by id, never the note text, and no element panel for notes that do not point to the code", () => {
    expect(html).toContain('not documented <a href="#list-not_documented"><b>40</b></a>');
    expect(html).toContain('error (not checked) <a href="#list-error"><b>2</b></a>');
    expect(html).not.toContain('<section id="lack"');
    expect(html).not.toContain('<section id="all-elements"');
    expect(html).toContain("empty_note");
    expect(html).toContain(`cdicheck ${(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version} &middot; code M43.21</div>`);
    expect(html).toContain("note-39");
    expect(html).not.toContain("ZEBRAWORD");
    expect(html).not.toContain("Neck stiffness");
  });

  it("names a few inputs in its header, and folds a long list (a shell glob) under a summary", () => {
    expect(html).toContain(`42 notes from ${notes}, ${join(dir, "bad.jsonl")} &middot; `);
    const many = Array.from({ length: 50 }, (_, i) => write(join(dir, "glob", `n${i}.txt`), "Neck pain."));
    const page = join(dir, "many.html");
    cli(["scan", ...many, "--out", join(dir, "many.jsonl"), "--report", page, "--quiet"]);
    const header = readFileSync(page, "utf8");
    expect(header).toMatch(new RegExp(`50 notes from ${many[0]}, ${many[1]} and 48 more inputs &middot; [0-9TZ:.-]+ &middot; cdicheck [0-9.]+ &middot; code M43\\.21</div><details class="inputs mut"><summary>All 50 inputs</summary>`));
    expect(header).toContain(many[49]);
  });
});

describe("scan --report-snippets", () => {
  it("puts the words behind a supported or redirected note in the report only when asked, and needs --report", () => {
    const dir = tmp();
    const f = write(
      join(dir, "n.jsonl"),
      [
        { id: "sup", text: "IMPRESSION: Acquired ankylosis of C1-C2 due to rheumatoid arthritis; CT shows bony bridging at C1-C2. Rotation limited." },
        { id: "red", text: "Assessment: s/p C1-C2 arthrodesis 2015, stable; CT shows solid fusion C1-C2 with hardware intact." },
      ]
        .map((x) => JSON.stringify(x))
        .join("\n") + "\n",
    );
    const plain = join(dir, "plain.html");
    const snippets = join(dir, "snippets.html");
    expect(cli(["scan", f, "--out", join(dir, "a.jsonl"), "--report", plain, "--quiet"]).code).toBe(0);
    expect(cli(["scan", f, "--out", join(dir, "b.jsonl"), "--report", snippets, "--report-snippets", "--quiet"]).code).toBe(0);
    const without = readFileSync(plain, "utf8");
    const withSnippets = readFileSync(snippets, "utf8");
    expect(without).not.toContain("<q>");
    expect(without).not.toMatch(/C1-C2|arthrodesis/);
    expect(without).toContain("It holds no note text");
    expect(withSnippets.match(/<q>[^<]+<\/q>/g)!.length).toBeGreaterThanOrEqual(2);
    expect(withSnippets).toContain("it also holds note text");
    const bad = cli(["scan", f, "--report-snippets", "--quiet"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--report-snippets needs --report");
  });
});

describe("scan: very large notes", () => {
  it("checks a note too big for the capped worker heaps (retried in the large-heap worker), then goes on", () => {
    const dir = tmp();
    const unit =
      "HISTORY: Neck pain for years without trauma. She denies fever or weight loss. EXAM: Strength 5/5, reflexes symmetric.\n".repeat(40) +
      "IMPRESSION: Acquired C1-C2 ankylosis due to rheumatoid arthritis; CT shows bony bridging at C1-C2.\n";
    const note = unit.repeat(Math.ceil((6 * 1024 * 1024) / unit.length)); // 6 MB: over the 96 MB worker heap
    const f = write(join(dir, "big.jsonl"), JSON.stringify({ id: "big", text: note }) + "\n" + JSON.stringify({ id: "small", text: "Neck pain." }) + "\n");
    const r = cli(["scan", f, "--quiet", "--max-note-chars", "10000000"]); // over the default 2,000,000 on purpose
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(["big", "small"]);
    expect(rows[0]!.error).toBeUndefined();
    expect(rows[0]!.verdict).toBeDefined();
    expect(r.code).toBe(0);
  });
});
